def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

it = iter([1, 2, 3, 4])
print(next(it), list(zip(it, it)), next(it, "empty"))
s = iter("abc")
print(next(s), "".join(s))
d = iter({"k": 1, "j": 2})
print(next(d), next(d), next(d, None))
r = iter(range(3))
print(next(r), sum(r))
g = (x * x for x in range(4))
print(next(g), next(g), list(g), next(g, -1))
t(lambda: next(iter({})))
t(lambda: next(iter(set())))
