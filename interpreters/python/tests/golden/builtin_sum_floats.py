def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(sum([0.1] * 3), sum([0.1, 0.2, 0.3]), sum([1e16, 1.0, 1.0]), sum([1.0, 1e16, -1e16]), sum(range(5), 0.5))
print(sum([1, 2], 3.0), sum([], 0.0), sum([-0.0]), sum([-0.0], -0.0), sum([float("inf"), 1]), sum([2**63, 2**63]))
print(sum([True, True, False]), sum([[1], [2], [3]], []), sum(((1,), (2,)), ()), sum(x / 10 for x in range(10)))
