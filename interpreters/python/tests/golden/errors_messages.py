def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: 1 / 0)
attempt(lambda: 1 // 0)
attempt(lambda: 1 % 0)
attempt(lambda: 1.0 / 0)
attempt(lambda: [1][5])
attempt(lambda: (1,)[5])
attempt(lambda: "ab"[9])
attempt(lambda: {}["x"])
attempt(lambda: int("12z"))
attempt(lambda: float("abc"))
attempt(lambda: None + 1)
attempt(lambda: "a" * "b")
attempt(lambda: len(5))
attempt(lambda: [].pop())
attempt(lambda: [].remove(3))
attempt(lambda: "abc".index("z"))
attempt(lambda: undefined)
attempt(lambda: (1).foo)
attempt(lambda: object().x)
attempt(lambda: iter(5))
attempt(lambda: next(iter([])))
attempt(lambda: {[]: 1})
attempt(lambda: 1 < "a")
attempt(lambda: -"a")
attempt(lambda: int.bar)
attempt(lambda: (lambda a: a)())
attempt(lambda: (lambda a: a)(1, 2))
attempt(lambda: (lambda *, k: k)())
attempt(lambda: chr(-1))
attempt(lambda: range(1, 2, 0))
a, b = 1, 2
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)
