match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        print("Origin")
    case Point(1, y=var) | Point(var, 2):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, -1.5: _, 1+2j: _, a.b: c}:
        pass
    case 1 | -2 | 3.0 | -4j | 1 - 2j | "s" | b"b" | None | True | False:
        pass
    case (a, b) | [a, b, *_] | (a,) | () | []:
        pass
    case x if x > 0:
        pass
    case (y as z) | (1 as z):
        pass
    case Color.RED | a.b.c:
        pass
    case _:
        pass
match x, y:
    case 1, 2: pass
    case *a, b: pass
match (x):
    case str() | bytes(): pass
match = 1
match.x = 2
match[0] = 3
case = match(4)
_ = match
