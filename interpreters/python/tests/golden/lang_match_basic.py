def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2:
            return "small"
        case int(n) if n < 0:
            return f"negative {n}"
        case "hi" | "hello":
            return "greeting"
        case [x, y]:
            return f"pair {x},{y}"
        case [x, *rest]:
            return f"head {x} rest {rest}"
        case {"type": t, **others}:
            return f"typed {t} {others}"
        case None:
            return "none"
        case _:
            return "other"
for v in [0, 2, -5, "hi", [1, 2], [1, 2, 3], {"type": "a", "b": 1}, None, 3.5, ()]:
    print(describe(v))
