def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for a in [7.5, -7.5, 0.0, 1e300, 3]:
    for b in [2.0, -2.0, 0.1, 3]:
        print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
t(lambda: 1.0 / 0)
t(lambda: 1.0 // 0.0)
t(lambda: 1.0 % 0.0)
t(lambda: divmod(1.0, 0.0))
t(lambda: 0.0 ** -1)
t(lambda: 2.0 ** 0.5)
t(lambda: 10.0 ** 400)
t(lambda: 2 ** 1024.0)
t(lambda: -5.0 % 3)
t(lambda: 5.0 % -3)
t(lambda: -0.0 % 5)
t(lambda: 1e300 * 1e300)
t(lambda: float("inf") - float("inf"))
t(lambda: float("inf") * 0)
t(lambda: 2**1024 + 0.5)
t(lambda: 2**1023 * 1.0)
t(lambda: 10**400 / 3)
t(lambda: 1 / 3 * 3)
print(abs(-0.0), -(0.0), +(-0.0), abs(float("-inf")))
