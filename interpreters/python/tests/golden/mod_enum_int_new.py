# Data-type enums with their own __new__ / __init__, and __slots__ on value subclasses.
for base in (int, str, float, tuple, bytes):
    try:
        class X(base):
            __slots__ = ("a",)
        print(base.__name__, "ok")
    except TypeError as e:
        print(base.__name__, "TypeError", e)
from enum import Enum, IntEnum
class Planet(Enum):
    EARTH = (1, 2)
    def __init__(self, mass, radius):
        self.mass = mass
print(Planet.EARTH.mass, Planet((1, 2)))
class Lbl(int, Enum):
    def __new__(cls, value, label):
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj
    A = (1, "one")
    B = (2, "two")
print(Lbl.A, Lbl.A.label, Lbl(2), Lbl(2).label, Lbl.A + 1, repr(Lbl.B))
class Status(str, Enum):
    OK = "ok"
    def __str__(self):
        return "S:" + self.value
print(Status.OK, f"{Status.OK}", Status.OK == "ok", repr(Status.OK))
