x, name, pi = 42, "Ada", 3.14159
print(f"{x!r:>6}|{name!s:^9}|{name!a}|{'é'!a}")
print(f"{x=}, {name = }, {pi=:.2f}, {x*2 = }")
print(f"{{literal}} {{{x}}} }}{{")
print(f"{pi:{'>'}{10}.{3}}", f"{x:{'0'}{8}b}")
width = 12
print(f"[{name:>{width}}]", f"[{name:*<{width - 4}}]")
print(f"{'nested ' + f'{x:03}'}")
print(f"{[1, 2][0]}{ {'a': 1}['a'] }{(lambda: 'l')()}")
print(f"{3 if x else 4}", f"{x:,}", f"{1234567.891:_.2f}", f"{x:#x} {x:#o} {x:e}")
print(f"""multi
{x}
line""")
print(rf"\n{x}\t", fr"{name}\d")
print(f"{'a' 'b'}", f"{None}", f"{True!r}", f"{b'bytes'}")
class F:
    def __format__(self, spec):
        return f"<F spec={spec!r}>"
    def __repr__(self): return "F()"
    def __str__(self): return "F-str"
print(f"{F()}", f"{F():xyz}", f"{F()!r}", f"{F()!s:>8}", format(F(), ""))
print(f"{-0.0:+}", f"{1e20:g}", f"{0.1 + 0.2!r}", f"{12:=+6}")
print(f"{x:{''}}" == str(x))
for bad in ["{x:z}", "{name:d}", "{pi:s}"]:
    try:
        print(eval("f'" + bad + "'"))
    except ValueError as e:
        print("ValueError:", e)
for src in ["f'{}'", "f'{x!z}'", "f'{'", "f'}'", "f'{x!}'"]:
    try:
        compile(src, "<f>", "eval")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
