# namedtuple classes are real tuple subclasses.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, repr(p), type(p).__name__, isinstance(p, tuple), issubclass(Point, tuple), Point.__mro__[1].__name__)
print(p == (1, 2), (1, 2) == p, p != (2, 1), p < (1, 3), hash(p) == hash((1, 2)), {p: "v"}[(1, 2)])
x, y = p
print(x, y, p.x, p.y, p[0], p[-1], p[:1], type(p[:1]).__name__, len(p), list(p), tuple(p))
print(p + (3,), type(p + (3,)).__name__, p * 2, 2 in p, p.count(1), p.index(2), sorted(p, reverse=True))
print(p._fields, p._asdict(), p._replace(y=5), type(p._replace(x=0)).__name__, Point._make([7, 8]))
print(Point._field_defaults, Point.__doc__, Point(y=4, x=3), "%s and %s" % p, "{0}-{1}".format(*p))
try:
    p.x = 9
except AttributeError as e:
    print("AttributeError", type(e).__name__)
try:
    p.z = 9
except AttributeError as e:
    print("AttributeError", e)
for bad in (lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: p._replace(z=1),
            lambda: Point._make([1])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

Env = namedtuple("Env", ["name", "debug", "level"], defaults=[False, 1])
e = Env("prod")
print(e, e._field_defaults, Env("dev", True), e.level + 1)

class Vec(namedtuple("Vec", "a b")):
    __slots__ = ()
    def norm2(self):
        return self.a ** 2 + self.b ** 2
    def __add__(self, other):
        return Vec(self.a + other.a, self.b + other.b)

v = Vec(3, 4)
print(v, v.norm2(), v + Vec(1, 1), type(v + Vec(1, 1)).__name__, isinstance(v, tuple), v == (3, 4))
import json
print(json.dumps(p), json.dumps({"v": v}))
match p:
    case Point(x=1, y=yy):
        print("matched", yy)
R = namedtuple("R", "a, b, a", rename=True)
print(R._fields, R(1, 2, 3))
