def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ["1", "  2.5  ", "-3e2", "1_000.5", "1e-3", ".5", "5.", "inf", "-inf", "+Infinity",
          "nan", "-NaN", "1e500", "-1e500", "0x10", "", "abc", "1__0", "1e", "--1",
          "infinit", "1.5e+3", "\t7\n", "1_e5"]:
    t(lambda: float(s))
t(lambda: float())
t(lambda: float(3))
t(lambda: float(2**1023))
t(lambda: float(2**1024))
t(lambda: float(True))
t(lambda: float(None))
t(lambda: float([]))
class F:
    def __float__(self):
        return 2.5
class G:
    def __index__(self):
        return 4
class H:
    def __float__(self):
        return "no"
t(lambda: float(F()))
t(lambda: float(G()))
t(lambda: float(H()))
print(float("0.1") == 0.1, float("1e-400"), float("-0"))
