from dataclasses import dataclass, field, KW_ONLY, is_dataclass, make_dataclass
from enum import Enum, IntFlag, StrEnum, auto
@dataclass
class Base:
    x: int
    y: int = 1
@dataclass
class Child(Base):
    z: int = 2
    _: KW_ONLY
    tag: str = "t"
c = Child(5, z=7, tag="q")
print(c, Child(0), is_dataclass(c), is_dataclass(Child), is_dataclass(1))
@dataclass(eq=False)
class Ident:
    v: int
print(Ident(1) == Ident(1), Ident(1) != Ident(1))
@dataclass(unsafe_hash=True)
class H:
    a: int
    b: list = field(default_factory=list, compare=False, hash=False)
print(hash(H(1)) == hash(H(1, [2])), H(1) == H(1, [9]))
try:
    Child()
except TypeError as e:
    print("TypeError", str(e).split(")")[-1])
P = make_dataclass("P", [("a", int), ("b", int, 5)])
print(P(1), P(1, 2).b)
class Color(StrEnum):
    RED = auto()
    BLUE = auto()
print(Color.RED, Color.RED == "red", Color("blue").name, [c.value for c in Color], f"{Color.BLUE}")
class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
print(int(Perm.R | Perm.W), Perm.R & 4, Perm(6) == 6, str(Perm.X))
class Shape(Enum):
    CIRCLE = "circle"
    SQUARE = "square"
    def describe(self): return f"a {self.value}"
    @classmethod
    def default(cls): return cls.CIRCLE
print(Shape.SQUARE.describe(), Shape.default(), Shape("square") is Shape.SQUARE, sorted(Shape.__members__))
d = {Shape.CIRCLE: 1}
print(d[Shape.CIRCLE], Shape.CIRCLE in d, len({Shape.CIRCLE, Shape.CIRCLE}))
try:
    Shape.CIRCLE = 3
except AttributeError as e:
    print("AttributeError", e)
