from enum import Enum, IntEnum, Flag, auto, unique
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
print(Color.RED, repr(Color.GREEN), Color.RED.name, Color.RED.value, Color(2), Color["BLUE"])
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color.RED in Color)
print(list(Color.__members__), isinstance(Color.RED, Color), Color.RED == Color.RED, Color.RED != Color.BLUE)
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print([m.value for m in Auto])
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO == 2, Num.ONE < Num.TWO, str(Num.ONE), repr(Num.TWO), f"{Num.TWO}")
class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), rw.value)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value)
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = Point(1)
print(p, p == Point(1, 0), p != Point(2), Point(3, 4, ["a"]))
print([f.name for f in fields(p)], asdict(p), astuple(Point(1, 2)), replace(p, y=9))
@dataclass(order=True, frozen=True)
class Ver:
    major: int
    minor: int = 0
print(Ver(1, 2) < Ver(1, 3), sorted([Ver(2), Ver(1, 5), Ver(1)]), hash(Ver(1)) == hash(Ver(1)))
try:
    Ver(1).major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
@dataclass
class WithPost:
    a: int
    b: int = field(init=False, repr=False)
    def __post_init__(self):
        self.b = self.a * 2
w = WithPost(5); print(w, w.b)
try:
    @dataclass
    class Bad:
        a: list = []
except ValueError as e:
    print("ValueError", e)
@dataclass
class Inner:
    v: int
@dataclass
class Outer:
    inner: Inner
    items: list
print(asdict(Outer(Inner(1), [Inner(2)])))
print(Point.__match_args__)
match Point(1, 2):
    case Point(x=1, y=yy):
        print("matched", yy)
