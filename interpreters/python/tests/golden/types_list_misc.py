def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: list())
t(lambda: list("abc"))
t(lambda: list({"a": 1}))
t(lambda: list(5))
t(lambda: list([1], [2]))
t(lambda: [1, 2] == [1, 2])
t(lambda: [1, 2] < [1, 3])
t(lambda: [1, [2]] == [1, [2]])
t(lambda: [] < [0])
t(lambda: [1, 2] > [1])
t(lambda: hash([]))
a = [1, 2]
a.append(a)
print(a, repr(a))
b = {"k": None}
b["k"] = b
print(b)
c = [[]] * 3
c[0].append(1)
print(c)
print([x for x in range(5) if x % 2], [[i] * i for i in range(3)])
l = [5, 3, 8]
print(max(l), min(l), sum(l), len(l), sorted(l), l, list(reversed(l)))
m = [1, 2, 3]
for i, v in enumerate(m):
    if v == 2:
        m.remove(v)
print(m)
l = list(range(5))
print(l.__iadd__([9]) is l, l, l.__imul__(2) is l)
t(lambda: [1].__iadd__(5))
t(lambda: [3, 1, 2].sort() is None)
n = [1, 2]
print(n * 0, n, [None] * 3, [1] + [] + [2])
