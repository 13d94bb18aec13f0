def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

it = iter("ab")
t(lambda: next(it))
t(lambda: next(it))
t(lambda: next(it))
t(lambda: next(it, None))
t(lambda: next(it, "d"))
t(lambda: next("ab"))
t(lambda: next())
t(lambda: next(it, 1, 2))
def g():
    yield 1
    return "ret"
gi = g()
t(lambda: next(gi))
def get():
    try:
        next(gi)
    except StopIteration as e:
        return ("stop", e.value, e.args)
t(get)
t(lambda: next(gi, "default"))
class N:
    def __next__(self): return 42
t(lambda: next(N()))
t(lambda: iter(N()))
data = iter([5, 6, 0, 7])
t(lambda: list(iter(data.__next__, 0)))
t(lambda: list(data))
t(lambda: iter(5, 5))
t(lambda: type(iter(lambda: 1, 0)).__name__)
