exec("a = 1\nb = a + 1")
print(a, b)
g = {}
exec("x = 10\ndef f(y):\n    return x + y", g)
print(g["x"], g["f"](5), "__builtins__" in g)
l = {}
exec("z = 3", {}, l)
print(l)
exec("print('inside', q)", {"q": 42})
code = compile("r = 7 * 6", "<test>", "exec")
ns = {}
exec(code, ns)
print(ns["r"], type(code).__name__)
def func():
    exec("loc = 99")
    return "done"
print(func())
exec(b"print('from bytes')")
print(exec("1"))
