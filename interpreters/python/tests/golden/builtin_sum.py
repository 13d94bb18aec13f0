def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: sum([1, 2, 3]))
t(lambda: sum([]))
t(lambda: sum([], 10))
t(lambda: sum([0.1] * 10))
t(lambda: sum([1, 2.5, True]))
t(lambda: sum(range(10**6)))
t(lambda: sum([[1], [2]], []))
t(lambda: sum([(1,), (2,)], ()))
t(lambda: sum(["a", "b"], ""))
t(lambda: sum(["a", "b"]))
t(lambda: sum([1, "a"]))
t(lambda: sum(5))
t(lambda: sum([1], start=100))
t(lambda: sum([2**62, 2**62, 2**62]))
t(lambda: sum([1e308, 1e308]))
t(lambda: sum([1e100, 1.0, -1e100]))
t(lambda: sum(x * x for x in range(5)))
t(lambda: sum())
class V:
    def __init__(self, v): self.v = v
    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.v)
t(lambda: sum([V(1), V(2)]).v)
