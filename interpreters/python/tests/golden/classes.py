class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("Rex")
print(d.speak(), d.kind, d, isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class P:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v * 2
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__
p = P()
p.x = 5
print(p.x, P.s(1), p.s(2), P.c(), p.c())
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __str__(self):
        return f"V({self.x}, {self.y})"
    __hash__ = None
v = V(1, 2) + V(3, 4)
print(v, v == V(4, 6), v != V(0, 0), len(v), v[0], list(v), sorted([V(2, 1), V(1, 5)])[0])
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.count = Counter.count
Counter(); c2 = Counter()
print(Counter.count, c2.count)
print(hasattr(c2, "count"), getattr(c2, "nope", "default"))
try:
    c2.missing
except AttributeError as e:
    print(e)
