def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

names, ages = ["a", "b", "c"], [1, 2, 3]
for n, a in zip(names, ages):
    print(n, a)
print(list(zip(*zip(names, ages))), dict(zip(names, ages)), list(zip(range(3), range(10, 13), "xyz")))
m = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*m)], list(zip(*[iter(range(6))] * 2)))
t(lambda: list(zip([1], [2], strict=False)))
t(lambda: zip(bogus=1))
t(lambda: list(zip("abc", "ab", strict=True)))
