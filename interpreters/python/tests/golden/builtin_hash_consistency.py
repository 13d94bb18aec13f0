def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

pairs = [(1, 1.0), (0, -0.0), (0, False), (1, True), (2**64, float(2**64)), (0.5, 0.5), ("a", "a"), ((1, 2), (1.0, 2.0)), (frozenset([1]), frozenset([1.0]))]
for a, b in pairs:
    print(repr(a), repr(b), a == b, hash(a) == hash(b))
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
print(d, len({0, 0.0, -0.0, False}))
