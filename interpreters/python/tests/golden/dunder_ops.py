class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented
    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented
    def __mul__(self, n):
        return Money(self.cents * n)
    __rmul__ = __mul__
    def __neg__(self):
        return Money(-self.cents)
    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents
    def __hash__(self):
        return hash(self.cents)
    def __lt__(self, other):
        return self.cents < other.cents
    def __le__(self, other):
        return self.cents <= other.cents
    def __bool__(self):
        return self.cents != 0
    def __repr__(self):
        return f"Money({self.cents})"
    def __contains__(self, c):
        return c == "$"
    def __call__(self, fmt):
        return fmt % (self.cents / 100)
    def __iadd__(self, other):
        self.cents += other.cents
        return self
a, b = Money(150), Money(275)
print(a + b, sum([a, b]), 3 * a, a * 2, -a, a == Money(150), a != b, a < b, b <= a)
print(sorted([b, a]), max(a, b), bool(Money(0)), "$" in a, a("$%.2f"), {a: 1}[Money(150)])
c = a
c += b
print(c, a is c)
try:
    a + 1
except TypeError as e:
    print(e)
try:
    a > 5
except TypeError as e:
    print(e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(It()), [x for x in It()])
