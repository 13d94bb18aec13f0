import functools
from functools import partial, reduce, lru_cache, wraps, cmp_to_key, total_ordering, cache, cached_property, singledispatch
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, [], 1))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError", e)
def f(a, b, c=0, *, d=1):
    return (a, b, c, d)
p = partial(f, 1, d=5)
print(p(2), p(2, 3, d=9), p.args, p.keywords, p.func is f)
pp = partial(p, 7); print(pp(), pp.args)
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), len(calls), fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    return x * x
sq(1); sq(2); sq(1); sq(3); sq(2)
print(sq.cache_info())
sq.cache_clear(); print(sq.cache_info())
@cache
def twice(x):
    return 2 * x
print(twice(4), twice(4), twice.cache_info().hits)
def deco(fn):
    @wraps(fn)
    def inner(*a):
        return fn(*a)
    return inner
@deco
def documented(x):
    "Doc string."
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) < V(2), V(1) <= V(1), V(3) > V(2), V(2) >= V(3))
class C:
    def __init__(self): self.n = 0
    @cached_property
    def val(self):
        self.n += 1
        return 42
c = C(); print(c.val, c.val, c.n)
@singledispatch
def show(x): return "object"
@show.register(int)
def _(x): return "int"
@show.register(list)
def _(x): return "list"
print(show(1), show([]), show("s"), show(True))
