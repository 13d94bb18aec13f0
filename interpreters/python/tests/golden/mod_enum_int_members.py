# IntEnum, IntFlag and StrEnum members are real ints and strs.
from enum import Enum, IntEnum, IntFlag, StrEnum, Flag, auto

class Color(IntEnum):
    RED = 1
    GREEN = 2
    BLUE = 3

r = Color.RED
print(repr(r), str(r), f"{r}", f"{r:03d}", format(r), "%d %s" % (r, r), r.name, r.value)
print(isinstance(r, int), isinstance(r, Color), type(r).__name__, Color.__mro__[1].__name__)
print(r + 1, type(r + 1).__name__, r * 10, -r, r == 1, 1 == r, r < Color.BLUE, r < 2, hash(r) == hash(1))
print(sorted([Color.BLUE, 0, Color.RED]), [10, 20, 30, 40][Color.GREEN], list(range(Color.BLUE)))
print(Color(2), Color(2) is Color.GREEN, Color["BLUE"], {1: "one"}[Color.RED], {r: "x"}[1], int(r), type(int(r)).__name__)
print(list(Color), len(Color), Color.RED in Color, max(Color), sum(Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)

class Shape(str, Enum):
    CIRCLE = "circle"
    SQUARE = "square"

print(repr(Shape.CIRCLE), str(Shape.CIRCLE), Shape.CIRCLE == "circle", Shape("square"), isinstance(Shape.SQUARE, str), Shape.CIRCLE.upper())

class Mode(StrEnum):
    READ = auto()
    WRITE = "w"

m = Mode.READ
print(repr(m), str(m), f"{m}", m == "read", m.upper(), type(m.upper()).__name__, m + "!", len(m), isinstance(m, str))
print(Mode("w"), Mode.WRITE.value, "-".join([Mode.READ, Mode.WRITE]), sorted(Mode))

class Perm(IntFlag):
    R = 4
    W = 2
    X = 1

rw = Perm.R | Perm.W
print(repr(rw), str(rw), rw == 6, rw.value, isinstance(rw, int), Perm.R in rw, Perm.X in rw, type(rw).__name__)
print(repr(Perm.R | 1), repr(Perm.R & Perm.W), int(Perm.X) + 1, Perm.R + 1, type(Perm.R + 1).__name__, repr(~Perm.R))
print(Perm(7), repr(Perm(0)), bool(Perm(0)), bool(Perm.R), f"{Perm.W}", "%d" % Perm.X)

class Bits(Flag):
    A = auto()
    B = auto()

print(repr(Bits.A | Bits.B), isinstance(Bits.A, int), Bits.A in (Bits.A | Bits.B))

class Number(int, Enum):
    ONE = 1
    TWO = 2

print(repr(Number.ONE), str(Number.ONE), Number.TWO + 1, isinstance(Number.ONE, int), Number(2))
import json
print(json.dumps([Color.RED, Mode.READ, Perm.R]))
