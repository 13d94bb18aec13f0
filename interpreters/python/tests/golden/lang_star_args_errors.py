def f(a, b):
    return a, b
for call in [lambda: f(*5), lambda: f(**[1]), lambda: f(1, **{"a": 2}), lambda: f(**{"c": 1}),
             lambda: f(*[1, 2, 3]), lambda: f(1, 2, b=3)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(f(*iter([1, 2])), f(*"ab"), f(**dict(a=1, b=2)))
def g(**kw):
    return kw
print(g(**{"x": 1}, y=2))
try:
    g(**{"x": 1}, x=2)
except TypeError as e:
    print("TypeError:", e)
