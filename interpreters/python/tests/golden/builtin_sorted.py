def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: sorted([3, 1, 2]))
t(lambda: sorted((3, 1, 2), reverse=True))
t(lambda: sorted("hello"))
t(lambda: sorted({"b": 1, "a": 2}))
t(lambda: sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
t(lambda: sorted({3, 1, 2}))
t(lambda: sorted([]))
t(lambda: sorted(5))
t(lambda: sorted([1, 2], [3]))
t(lambda: sorted(iterable=[1]))
t(lambda: sorted([1, None]))
t(lambda: sorted(["b", "A", "c"], key=str.lower, reverse=True))
t(lambda: sorted([1, 2, 3], key=lambda v: 0))
t(lambda: sorted([1, 2, 3], key=lambda v: 0, reverse=True))
t(lambda: sorted([(2, "a"), (1, "b"), (2, "c"), (1, "d")], key=lambda p: p[0], reverse=True))
t(lambda: sorted(range(10), key=lambda v: -v)[:3])
t(lambda: sorted([0.5, -1, 10**20, 3.25]))
t(lambda: sorted([[3], [1, 2], [1]]))
t(lambda: sorted(["10", "9", "100"]))
t(lambda: sorted(["10", "9", "100"], key=int))
src = [3, 1]
out = sorted(src)
print(out is src, src, out)
