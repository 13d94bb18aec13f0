def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

vals = [0, 1, -1, 2**64, -(2**64), 1.0, 0.5, True, False]
for a in vals:
    print([a < b for b in vals], [a == b for b in vals])
print(2**53 + 1 == float(2**53 + 1), 2**53 + 1 > float(2**53))
print(10**400 > float("inf"), -(10**400) < float("-inf"), 10**400 == float("inf"))
print(1 == 1.0, hash(1) == hash(1.0), 0 == -0.0, 1 != "1")
t(lambda: 1 < "2")
t(lambda: 1 <= None)
t(lambda: [1] < [1, 2])
t(lambda: (1, 2) < (1, "a"))
t(lambda: (1, 2) < (1, 3))
print(max(3, 3.0), min(3.0, 3), max(True, 1), sorted([3, 1.5, True, 2**70, -0.5]))
