x = 10
f = lambda y, z=x: y + z
x = 20
print(f(1), (lambda: x)(), (lambda *a, **k: (a, k))(1, b=2))
print(sorted([(1, "b"), (0, "c"), (1, "a")], key=lambda p: (-p[0], p[1])))
adders = [lambda v, n=n: v + n for n in range(3)]
print([a(10) for a in adders])
print((lambda: (yield 1))().__class__.__name__)
print(f.__name__, f.__qualname__, f.__defaults__)
compose = lambda g, h: lambda v: g(h(v))
print(compose(str, abs)(-5), repr(compose(str, abs)(-5)))
