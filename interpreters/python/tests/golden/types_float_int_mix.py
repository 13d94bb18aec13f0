def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(1 + 1.0, 2 * 0.5, 7 / 2, 7 // 2.0, 7 % 2.5, 2 ** 0.5, 10 - 0.1, -3 * 1.5)
print(type(1 + 1.0).__name__, type(2 // 2.0).__name__, type(True + 1.0).__name__)
print(1e16 + 1 == 1e16, 2**53 + 1.0 == 2**53, int(1e16) + 1, 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3)
print(3 == 3.0, 3 < 3.5, 4 > 3.9999999999999999, 10**16 == 1e16, 10**16 + 1 == 1e16 + 1)
print(sorted([3, 2.5, 1, 0.5, 2]), max([1, 1.0]), min([1.0, 1]), sum([0.5, 1, 1.5]))
print(divmod(7, 2.0), divmod(-7, 2.0), divmod(7.5, -2), pow(2, -1), pow(4, 0.5), pow(2.5, 2))
