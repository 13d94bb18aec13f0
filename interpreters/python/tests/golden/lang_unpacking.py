a, *b, c = range(6)
print(a, b, c)
*d, = "xyz"
print(d)
(e, f), g = (1, 2), 3
print(e, f, g)
first, *_ = [9, 8, 7]
print(first)
print(*[1, 2], *"ab", sep="-")
print([*range(3), *(4, 5)], (*"hi",), {*[1, 1, 2]}, {**{"a": 1}, "b": 2, **{"a": 3}})
def f(*a, **k):
    return a, k
print(f(*[1, 2], 3, *(4,), x=1, **{"y": 2}))
try:
    x, y = [1, 2, 3]
except ValueError as err:
    print("ValueError:", err)
try:
    x, y, z = [1]
except ValueError as err:
    print("ValueError:", err)
try:
    p, *q, r = [1]
except ValueError as err:
    print("ValueError:", err)
for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
