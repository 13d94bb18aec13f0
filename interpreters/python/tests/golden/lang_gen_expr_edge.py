def gen():
    x = yield
    print("got", x)
    yield x * 2
g = gen()
print(g.send(None), g.send(21))
it = iter([1, 2, 3])
print(list(zip(it, it)))
g2 = (i for i in range(3))
print(list(g2), list(g2))
def inf():
    n = 0
    while True:
        yield n
        n += 1
first = []
for v in inf():
    if v > 3:
        break
    first.append(v)
print(first)
def gen_finally():
    try:
        yield 1
    finally:
        print("gen cleanup")
for v in gen_finally():
    print("value", v)
g3 = gen_finally()
next(g3)
g3.close()
print("after close")
print(type(gen).__name__, type(gen()).__name__)
