x = 10
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
def g():
    return "x" in globals(), globals()["x"]
print(g())
globals()["injected"] = "yes"
print(injected)
print(sorted(k for k in globals() if not k.startswith("__")))
print(globals() is globals(), __name__)
def h():
    v = 1
    loc = locals()
    v = 2
    return loc["v"], locals()["v"]
print(h())
def outer():
    free = "f"
    def inner():
        return sorted(locals())
    def inner2():
        free
        return sorted(locals())
    return inner(), inner2()
print(outer())
class K:
    attr = 1
    names = sorted(k for k in locals() if not k.startswith("__"))
print(K.names)
print(locals() is globals())
