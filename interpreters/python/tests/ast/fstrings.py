name = "x"
a = f"hello {name}"
b = f'{name!r} {name!s} {name!a}'
c = f"{name:>10} {name:{width}} {name:{width}.{prec}}"
d = f"{name=} {name = } {name=!s} {name=:>5}"
e = f"{'nested'} {'other' if 0 else 'q'}" if False else f'{ {"a": 1}["a"] }'
f = f"{{literal}} {{{name}}}"
g = rf"raw \n {name}" + fr'{name}\d'
h = f"a" "b" f"{name}" 'c'
i = f"""multi
line {name
} end"""
j = f"{x:{'>' if True else '<'}10}"
k = f"{3:{'}'}>10}"
l = f''
m = f"{x, y}" f"{ x }" f"{x!r:^20}"
n = f'\N{GREEK SMALL LETTER BETA} {name}'
o = f"{lambda_ := 1}" if 0 else f"{(lambda: 1)()}"
p = f"{a == b} {a != b} {a >= b}"
