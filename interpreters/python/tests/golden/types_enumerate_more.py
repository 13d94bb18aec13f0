def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"x": 1, "y": 2}
for i, (k, v) in enumerate(d.items(), 1):
    print(i, k, v)
print(list(enumerate(range(3), start=5)), dict(enumerate("ab")), [i for i, _ in enumerate("xyz")])
e = enumerate("abc")
next(e)
print(list(e), list(e))
print(list(enumerate([], 3)), list(enumerate("a", -5)), list(enumerate("ab", True)))
t(lambda: enumerate())
t(lambda: enumerate("a", 1, 2))
t(lambda: enumerate("a", start=1.5))
