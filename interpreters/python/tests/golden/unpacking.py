a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
first, *middle, last = range(6)
print(first, middle, last)
print(*[1, 2], *"ab", sep="-")
def f(*args, **kw):
    return args, kw
print(f(*(1, 2), *[3], **{"a": 1}, **{"b": 2}))
print([*range(3), *"xy"], (*[1], 2), {**{"k": 1}, "j": 2}, {*[1, 2], 3})
x, y = y, x = 1, 2
print(x, y)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p + q)
