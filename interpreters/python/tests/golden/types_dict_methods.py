def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
print(d.pop("a"), d.pop("zz", "dflt"), d)
t(lambda: d.pop("zz"))
d.update({"x": 1}, y=2); d.update([("z", 3)]); d.update(w=4); print(d)
print(d.popitem(), d.popitem(), d)
t(lambda: {}.popitem())
c = d.copy(); c["new"] = 1; print(d, c)
d.clear(); print(d, len(d))
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(0)))
t(lambda: {}["missing"])
t(lambda: {}[[1]])
t(lambda: {[1]: 2})
t(lambda: {1: 2}.get())
t(lambda: {}.update(5))
t(lambda: {}.update([1]))
t(lambda: {}.update([(1, 2, 3)]))
t(lambda: dict([(1, 2), (3, 4)]))
t(lambda: dict({"a": 1}, b=2))
t(lambda: dict(zip("ab", range(2))))
t(lambda: dict(a=1) == {"a": 1})
t(lambda: dict(5))
t(lambda: dict([1, 2]))
t(lambda: dict(1, 2))
t(lambda: {1: "a"} | {2: "b"})
t(lambda: {1: "a", 2: "x"} | {2: "b"})
e = {1: 1}
e |= {2: 2}
e |= [(3, 3)]
print(e)
t(lambda: {1: 1} | [(2, 2)])
t(lambda: {} == {})
t(lambda: {1: 2} == {1: 2.0})
t(lambda: {1: 2, 3: 4} == {3: 4, 1: 2})
t(lambda: {1: 2} < {1: 3})
t(lambda: 1 in {1: 2})
t(lambda: {"a": 1}.__contains__("a"))
t(lambda: {"a": 1}.__getitem__("a"))
t(lambda: {"a": 1}.__len__())
f = {}
f[1] = "int"; f[1.0] = "float"; f[True] = "bool"; print(f)
g = {"k": 1}
del g["k"]
print(g)
def delmissing():
    del g["k"]
t(delmissing)
t(lambda: list(reversed({1: 2, 3: 4})))
t(lambda: hash({}))
