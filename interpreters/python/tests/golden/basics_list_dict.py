l = [3, 1, 4, 1, 5, 9, 2, 6]
l.append(5)
l.insert(0, 0)
print(l, len(l), l.pop(), l.pop(0), l.index(4), l.count(1))
l.sort()
print(l, sorted(l, reverse=True), sorted(["bb", "a", "ccc"], key=len))
l.reverse()
print(l, l[2:5], l[::-1][:3])
l[1:3] = [100, 200, 300]
del l[0]
print(l, 100 in l, 7 in l)
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d["a"], d.get("z"), d.get("z", 0), list(d.keys()), list(d.values()), list(d.items()))
del d["b"]
d["b"] = 20
print(d, len(d), "a" in d, d.pop("a"), d)
print(d.keys(), d.values(), d.items())
for k, v in d.items():
    print(k, v)
t = (1, 2, 3)
a, b, c = t
first, *rest = [1, 2, 3, 4]
print(a + b + c, first, rest, t[1:], t + (4,), (1,), ())
print({k: v * 2 for k, v in [("x", 1), ("y", 2)]}, [i for i in range(10) if i % 3 == 0])
print(list(zip([1, 2, 3], "abc")), list(enumerate("xy", 1)), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(list(reversed([1, 2, 3])), any([0, 0, 1]), all([1, 0]), sum([[1], [2]], []))
nested = [[1, 2], [3, 4]]
print([x for row in nested for x in row], nested[1][0])
