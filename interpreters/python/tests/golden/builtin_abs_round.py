def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: abs(-5))
t(lambda: abs(-2**70))
t(lambda: abs(-0.0))
t(lambda: abs(-3.5))
t(lambda: abs(True))
t(lambda: abs("x"))
class A:
    def __abs__(self): return "absolute"
t(lambda: abs(A()))
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 1234.5678, -1234.5678, 1e300, 5e-324]:
    print(v, round(v), round(v, 0), round(v, 1), round(v, 2), round(v, -1), round(v, -2), round(v, 5))
for v in [0, 5, 15, 25, -25, 1234, 2**70 + 5, -1]:
    print(v, round(v), round(v, 1), round(v, -1), round(v, -2), round(v, -30))
t(lambda: round(float("inf")))
t(lambda: round(float("nan")))
t(lambda: round(float("inf"), 2))
t(lambda: round(1.5, None))
t(lambda: round(2.5, ndigits=None))
t(lambda: round("x"))
t(lambda: round(1.5, 1.5))
t(lambda: round(1e308, -308))
t(lambda: round(123.456, 400))
t(lambda: round(123.456, -400))
t(lambda: round(True))
class R:
    def __round__(self, n=None): return ("rounded", n)
t(lambda: round(R()))
t(lambda: round(R(), 3))
t(lambda: type(round(2.5)).__name__)
t(lambda: type(round(2.5, 0)).__name__)
