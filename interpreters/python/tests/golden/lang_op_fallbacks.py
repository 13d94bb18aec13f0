class V:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"V({self.v})"
    def __add__(self, o):
        if isinstance(o, V): return V(self.v + o.v)
        if isinstance(o, int): return V(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd", o)
        if isinstance(o, int): return V(o + self.v)
        return NotImplemented
    def __sub__(self, o):
        return NotImplemented
    def __rsub__(self, o):
        return ("rsub", o)

class W(V):
    def __radd__(self, o):
        print("W.radd first", o)
        return W(100)

print(V(1) + V(2), V(1) + 3, 3 + V(1))
print(V(1) + W(2))   # subclass reflected op wins
print(5 - V(1))
try:
    V(1) - V(2)
except TypeError as e:
    print("TypeError:", e)
try:
    V(1) + "s"
except TypeError as e:
    print("TypeError:", e)
try:
    "s" + V(1)
except TypeError as e:
    print("TypeError:", e)

# in-place falls back to binary, then reflected
class I:
    def __init__(self): self.items = []
    def __iadd__(self, o):
        self.items.append(o); return self
    def __imul__(self, o):
        return NotImplemented
    def __mul__(self, o):
        return "mul fallback"
    def __repr__(self): return f"I{self.items}"
i = I(); j = i
i += 1; i += 2
print(i, i is j)
i *= 3
print(i)
x = V(1)
x += 5
print(x)
x = 2
x += V(3)
print(x)

# every operator's error message
pairs = [("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
         ("/", lambda a, b: a / b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b),
         ("**", lambda a, b: a ** b), ("<<", lambda a, b: a << b), (">>", lambda a, b: a >> b),
         ("&", lambda a, b: a & b), ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b),
         ("@", lambda a, b: a @ b)]
for sym, f in pairs:
    try:
        f([], 1.5)
    except TypeError as e:
        print(sym, "->", e)

def iop(a, b):
    a -= b
try:
    iop({}, 1)
except TypeError as e:
    print(e)
try:
    x = []; x @= 2
except TypeError as e:
    print(e)
for u in (lambda: -"s", lambda: +[], lambda: ~1.5):
    try:
        u()
    except TypeError as e:
        print(e)
