def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: divmod(7, 3))
t(lambda: divmod(-7, 3))
t(lambda: divmod(7.5, 2))
t(lambda: divmod(-7.5, 2))
t(lambda: divmod(2**70, 7))
t(lambda: divmod(1, 0))
t(lambda: divmod(1.0, 0))
t(lambda: divmod("a", 1))
t(lambda: divmod(1))
t(lambda: divmod(True, 2))
class D:
    def __divmod__(self, o): return "fwd"
    def __rdivmod__(self, o): return "rev"
t(lambda: divmod(D(), 1))
t(lambda: divmod(1, D()))
t(lambda: pow(2, 8))
t(lambda: pow(2, 8, 10))
t(lambda: pow(2.0, 8))
t(lambda: pow(2, -2))
t(lambda: pow(7, -1, 13))
t(lambda: pow(6, -1, 9))
t(lambda: pow(2, 3, 0))
t(lambda: pow(2.0, 3, 5))
t(lambda: pow(2, 3.0, 5))
t(lambda: pow("a", 2))
t(lambda: pow(1))
t(lambda: pow(0.0, -1))
t(lambda: pow(10, 400, 10**9))
t(lambda: pow(-2, 3, -7))
class P:
    def __pow__(self, e, mod=None): return ("pow", e, mod)
    def __rpow__(self, b): return ("rpow", b)
t(lambda: pow(P(), 2))
t(lambda: pow(P(), 2, 5))
t(lambda: 2 ** P())
