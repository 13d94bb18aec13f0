def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(abs(0), abs(-0), abs(-5), abs(5), abs(-2**100), abs(-1.5), abs(-0.0), abs(float("-inf")), abs(True), abs(False))
print(type(abs(True)).__name__, type(abs(-1.0)).__name__, abs(float("nan")))
class N:
    def __abs__(self): return 42
    def __neg__(self): return "neg"
print(abs(N()), -N())
t(lambda: abs("-1"))
t(lambda: abs([]))
t(lambda: abs())
