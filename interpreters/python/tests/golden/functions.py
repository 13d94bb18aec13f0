def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
counter = outer()
counter(); counter()
print(counter())
sq = lambda x: x * x
print(sq(7), (lambda *a: sum(a))(1, 2, 3))
def deco(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper
@deco
def add(a, b):
    "adds"
    return a + b
print(add(2, 3), add.__name__, f.__defaults__, f.__kwdefaults__)
def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)
print(rec(500))
total = 0
def use_global():
    global total
    total += 10
use_global()
print(total)
args = (1, 2)
kwargs = {"z": 3}
print(g(*args, **kwargs))
try:
    f()
except TypeError as e:
    print(e)
try:
    g(1, 2, 3)
except TypeError as e:
    print(e)
try:
    f(1, c=1, zz=2, b=3, a=4)
except TypeError as e:
    print(e)
