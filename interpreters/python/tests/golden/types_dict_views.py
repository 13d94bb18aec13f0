def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), len(v), len(i))
d["d"] = 4
print(k, list(v), list(i))
print("a" in k, 1 in v, ("a", 1) in i, ("a", 2) in i, "zz" in k)
print(k & {"a", "z"}, k | {"z"}, k - {"a"}, k ^ {"a", "q"}, i & {("a", 1)})
print(k == {"a", "b", "c", "d"}, k <= {"a", "b", "c", "d", "e"}, k.isdisjoint(["x"]))
print(sorted(k), list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(type(k).__name__, type(v).__name__, type(i).__name__)
print(v == v, d.values() == d.values())
def mutate():
    for key in d:
        d[key + "x"] = 1
t(mutate)
def shrink():
    for key in d.keys():
        del d[key]
t(shrink)
print(dict(i), list(zip(k, v)))
t(lambda: k[0])
for key, val in {"x": [1], "y": [2]}.items():
    print(key, val)
e = {}
print(e.keys(), e.values(), e.items(), list(e.items()))
