print(eval("1 + 2 * 3"), eval("  7"), eval("[i * i for i in range(4)]"))
x = 5
print(eval("x * 2"), eval("x + y", {"x": 1, "y": 2}), eval("x", {"x": 1}, {"x": 3}))
def f():
    local = 4
    return eval("local + 1")
print(f())
c = compile("x - 1", "<expr>", "eval")
print(eval(c), eval(c, {"x": 100}))
print(eval("(lambda a: a * 3)(4)"))
print(eval("'abc'.upper()"), eval("None"), eval("(1,\n 2)"))
ns = {}
print(eval("len(ns)", {"ns": ns}), ns)
