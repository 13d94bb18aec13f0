c = compile("a + b", "<string>", "eval")
print(type(c).__name__, c.co_filename, c.co_name)
print(eval(c, {"a": 1, "b": 2}))
m = compile("def g():\n    return 'g'\nresult = g()", "mod.py", "exec")
ns = {}
exec(m, ns)
print(ns["result"], ns["g"].__code__.co_filename)
