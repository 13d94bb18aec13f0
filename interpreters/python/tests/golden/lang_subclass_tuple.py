# tuple subclasses.
class T(tuple):
    def first(self):
        return self[0]

t = T([1, 2, 3])
print(type(t).__name__, t, repr(t), T(), T("ab"), isinstance(t, tuple), len(t))
print(t.first(), t[1], t[-1], t[1:], type(t[1:]).__name__, t[::-1], list(t))
print(t + (4,), type(t + (4,)).__name__, (0,) + t, t * 2, type(t * 2).__name__)
print(t == (1, 2, 3), (1, 2, 3) == t, t < (1, 2, 4), hash(t) == hash((1, 2, 3)), {t: "x"}[(1, 2, 3)])
print(2 in t, 5 in t, t.count(2), t.index(3), sorted(t, reverse=True), sum(t), max(t))
a, b, c = t
print(a, b, c, *t, tuple(t), type(tuple(t)).__name__)
print(bool(T()), bool(t), "%s-%s-%s" % t, "{}{}{}".format(*t))
t.meta = "m"
print(t.meta, t.__dict__)
import json
print(json.dumps(T((1, "a"))))

class Pair(tuple):
    __slots__ = ()
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def a(self):
        return self[0]
    def __repr__(self):
        return f"Pair{tuple.__repr__(self)}"

p = Pair(1, 2)
print(p, p.a, p == (1, 2), len(p), type(p).__name__)
try:
    p.x = 1
except AttributeError as e:
    print("AttributeError", e)

class Vec(tuple):
    def __add__(self, other):
        return Vec(x + y for x, y in zip(self, other))
    def __len__(self):
        return 99
    def __getitem__(self, i):
        return tuple.__getitem__(self, i) * 10
    def __iter__(self):
        return iter([tuple.__getitem__(self, i) for i in range(tuple.__len__(self))])
    def __contains__(self, x):
        return x == "anything"

v = Vec([1, 2])
print(v + (10, 20), type(v + (10, 20)).__name__, len(v), v[1], "anything" in v, 1 in v, list(v))
