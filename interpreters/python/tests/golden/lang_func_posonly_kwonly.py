def f(a, b, /, c, *, d, e=5):
    return (a, b, c, d, e)
print(f(1, 2, 3, d=4), f(1, 2, c=3, d=4, e=6))
for call in [lambda: f(1, b=2, c=3, d=4), lambda: f(1, 2, 3, 4), lambda: f(1, 2, 3), lambda: f(1, 2, 3, d=4, z=1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def g(*args, **kwargs):
    return args, sorted(kwargs.items())
print(g(), g(1, 2, x=3), g(*[1, 2], **{"y": 4}))
def h(a, *rest, key):
    return a, rest, key
print(h(1, 2, 3, key="k"))
def k(a, b=[]):
    b.append(a)
    return b
print(k(1), k(2))
