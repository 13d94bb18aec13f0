class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd")
        return V(o + self.x)
    def __sub__(self, o):
        return NotImplemented
    def __rsub__(self, o):
        return "rsub"
    def __mul__(self, o):
        return V(self.x * o)
    __rmul__ = __mul__
    def __repr__(self):
        return f"V({self.x})"
print(V(1) + V(2), V(1) + 3, 3 + V(1), 2 * V(4), V(4) * 2)
print(5 - V(1))
try:
    V(1) - V(2)
except TypeError as e:
    print("TypeError:", e)
try:
    V(1) + "s"
except TypeError as e:
    print("TypeError:", e)
class W(V):
    def __radd__(self, o):
        return "W.radd first"
print(V(1) + W(2))
print(sum([V(1), V(2)], V(0)))
