class Cmp:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"Cmp({self.v})"
    def __lt__(self, o):
        print(f"{self}.__lt__({o})")
        return self.v < o.v if isinstance(o, Cmp) else NotImplemented
    def __eq__(self, o):
        print(f"{self}.__eq__({o})")
        return self.v == o.v if isinstance(o, Cmp) else NotImplemented

a, b = Cmp(1), Cmp(2)
print(a < b)
print(b > a)          # reflected: a.__lt__(b)
print(a == Cmp(1), a != Cmp(1))  # __ne__ derived from __eq__
print(a == 5, a != 5)  # falls back to identity
try:
    a <= b
except TypeError as e:
    print("TypeError:", e)
try:
    a < 5
except TypeError as e:
    print("TypeError:", e)

class Sub(Cmp):
    def __gt__(self, o):
        print(f"Sub.__gt__({o})")
        return True
print(a < Sub(0))     # subclass reflected method is tried first

class Weird:
    def __eq__(self, o): return "truthy"
    def __lt__(self, o): return [1]
w = Weird()
print(w == 1, w < 1)
if w < 1:
    print("non-bool result used as truth")
print([w] == [w], [Weird()] == [Weird()])

# chained comparisons evaluate each operand once
def v(x):
    print("eval", x)
    return x
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(5))
two = 2
print(1 < two > 1.5 == 1.5 != two is not None)
print(None is None, [] is [], 1 in [1] not in [[1]])

# total_ordering-free sorting uses only __lt__
print(sorted([Cmp(3), Cmp(1), Cmp(2)], key=lambda c: c.v))
class OnlyLt:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"L{self.v}"
print(sorted([OnlyLt(2), OnlyLt(1)]), max([OnlyLt(5), OnlyLt(9)]), min(OnlyLt(4), OnlyLt(3)))
for x, y in [(1, 1.0), (1, "1"), ((1, 2), (1, 2.0)), ([1, [2]], [1, [2]]), ({1: 2}, {1: 2.0}),
             (float("nan"), float("nan")), (0.1 + 0.2, 0.3), (True, 1), (None, 0)]:
    print(repr(x), repr(y), x == y)
for x, y in [((1, 2), (1, 3)), ([2], [1, 5]), ("abc", "abd"), ((), (0,)), ({1}, {1, 2}),
             (frozenset([1]), {1})]:
    print(x < y, x <= y, x > y, x >= y)
try:
    {1: 2} < {1: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError:", e)
