class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
def describe(v):
    match v:
        case 0 | 1:
            return "bit"
        case int(n) if n < 0:
            return f"negative {n}"
        case str() as s:
            return f"string {s!r}"
        case [x, y]:
            return f"pair {x},{y}"
        case [x, *rest]:
            return f"list head {x} rest {rest}"
        case {"kind": k, **others}:
            return f"mapping {k} {others}"
        case Point(0, y=yy):
            return f"on y axis at {yy}"
        case Point(x, y):
            return f"point {x},{y}"
        case None:
            return "none"
        case _:
            return "other"
for v in [0, 1, -5, "hi", [1, 2], [1, 2, 3], {"kind": "a", "z": 1}, Point(0, 3), Point(1, 2), None, 3.5, (9, 8)]:
    print(describe(v))
