from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: int

class Circle:
    __match_args__ = ("r",)
    def __init__(self, r): self.r = r

def describe(v):
    match v:
        case Point(x=0, y=0):
            return "origin"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px, y=py) if px > 0:
            return f"right {px},{py}"
        case Point():
            return "other point"
        case Circle(r) if r > 10:
            return "big circle"
        case Circle(r=r):
            return f"circle {r}"
        case int(n) | float(n) if n < 0:
            return f"negative {n}"
        case int() | float():
            return "number"
        case str() as s if len(s) > 3:
            return "long str " + s
        case [Point(), *rest]:
            return f"points then {len(rest)}"
        case {"kind": "k", **others}:
            return f"mapping {sorted(others)}"
        case (1, 2) | [3, 4]:
            return "pair"
        case bool(b):
            return "unreachable bool"
        case _:
            return "fallback " + type(v).__name__

for v in [Point(0, 0), Point(2, 2), Point(3, 1), Point(-1, 5), Circle(20), Circle(3),
          -5, -2.5, 7, "hello", "hi", [Point(1, 1), 2, 3], {"kind": "k", "a": 1, "b": 2},
          (1, 2), [3, 4], True, None]:
    print(describe(v))

class TooMany:
    __match_args__ = ("a",)
    a = 1
try:
    match TooMany():
        case TooMany(x, y):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 5:
        case int(a, b):
            pass
except TypeError as e:
    print("TypeError:", e)
# guard side effects and binding order
seen = []
def check(x):
    seen.append(x)
    return x > 1
match [1, 2]:
    case [a, b] if check(a):
        print("first")
    case [a, b] if check(b):
        print("second", a, b)
print(seen)
match {"x": 1}:
    case {"y": _}:
        print("no")
    case {}:
        print("empty mapping pattern matches any mapping")
