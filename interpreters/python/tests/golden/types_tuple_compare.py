def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

pairs = [((1, 2), (1, 2)), ((1, 2), (1, 3)), ((1,), (1, 0)), ((), ()), ((2,), (1, 9)), ((1, "a"), (1, "b")), ((0.5,), (1,))]
for a, b in pairs:
    print(a, b, a < b, a <= b, a == b, a != b, a > b, a >= b)
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1,)]), max((1, 2), (1, 2, 0)), min([(3,), (2, 9)]))
t(lambda: (1, "a") < (1, 2))
t(lambda: (1, 2) < [1, 2])
