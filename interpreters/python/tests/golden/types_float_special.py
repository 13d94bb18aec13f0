def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

inf, nan = float("inf"), float("nan")
print(inf + 1, inf - inf, inf * -1, -inf * 0.0, inf / inf, 1 / inf, -1 / inf)
print(nan + 1, nan * 0, nan == nan, nan is nan, [nan] == [nan], (nan,) == (nan,))
print(inf == inf, inf > 1e308, -inf < -1e308, max(inf, 1), min(-inf, 0))
print(abs(-inf), -(-inf), inf % 3 if False else "skip", 3 % inf, -3 % inf, 3 // inf, -3 // inf)
t(lambda: inf % 3)
t(lambda: divmod(inf, 3))
t(lambda: int(inf))
t(lambda: int(nan))
t(lambda: round(inf))
t(lambda: inf // 1)
t(lambda: 2.0 ** 10000)
