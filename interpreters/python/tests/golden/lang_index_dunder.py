class N:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
n = N(3)
print(list(range(n)), [0, 1, 2, 3, 4][n], bin(n), hex(N(255)), "ab" * N(2), [1] * N(2))
print(int.__index__(5) if hasattr(int, "__index__") else 5)
class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
    def __abs__(self):
        return "abs!"
    def __neg__(self):
        return "neg!"
    def __invert__(self):
        return "inv!"
    def __pos__(self):
        return "pos!"
print(int(Num()), float(Num()), abs(Num()), -Num(), ~Num(), +Num())
try:
    [1, 2][N("x")]
except TypeError as e:
    print("TypeError:", e)
