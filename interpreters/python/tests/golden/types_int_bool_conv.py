def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0, 1, -1, 2**100, True, False]:
    print(v, bool(v), int(v), float(v), str(v), repr(v), v == True, v is True)
print(int(True) + int(False), True + 0.5, False * 10, sum([True] * 7), [1, 2, 3][True])
t(lambda: int("True"))
t(lambda: bool("False"))
t(lambda: True == 1.0)
t(lambda: {True: "t", 1: "one"})
t(lambda: 1 in {True})
