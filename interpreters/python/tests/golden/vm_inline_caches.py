# Inline caches for globals and attributes must see every change.

def read_len():
    return len("abc")

print(read_len())
len = lambda s: 42          # a global now shadows the builtin
print(read_len())
del len                     # and the builtin shows again
print(read_len())
globals()["len"] = lambda s: -1   # written through the dict
print(read_len())
del globals()["len"]
print(read_len())

counter = 0
def bump():
    global counter
    counter = counter + 1
    return counter

for _ in range(5):
    bump()
print(counter)
for i in range(40):          # grow the module dict (it resizes)
    globals()["filler%d" % i] = i
print(bump(), filler39)


class Base:
    def who(self):
        return "base"

class Child(Base):
    pass

def call_who(objs):
    return [o.who() for o in objs]

def read_who(o):
    return o.who

c = Child()
print(call_who([c, c, Base()]))
Child.who = lambda self: "child"         # a new key on the subclass
print(call_who([c, c, Base()]))
Base.who = lambda self: "base2"          # rebinding on the base class
print(call_who([c, Base()]))
del Child.who
print(call_who([c, Base()]))
c.who = lambda: "instance"               # the instance shadows the method
print(call_who([c, Base()]))
print(read_who(Base()).__name__, read_who(c).__name__)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def get_x(p):
    return p.x

def set_x(p, v):
    p.x = v

pts = [Point(i, -i) for i in range(5)]
print([get_x(p) for p in pts])
for p in pts:
    set_x(p, get_x(p) * 10)
print([get_x(p) for p in pts])
odd = Point(1, 2)
odd.z = 3                                # another shape, same type
print(get_x(odd), [get_x(p) for p in pts[:2]])

Point.x = property(lambda self: "prop")  # a data descriptor now wins
print(get_x(pts[0]), get_x(odd))
try:
    set_x(pts[0], 5)
except AttributeError as e:
    print("AttributeError:", e)
del Point.x
print(get_x(pts[0]))


class Lazy:
    def __init__(self):
        self.a = 1

def get_b(o):
    try:
        return o.b
    except AttributeError:
        return "missing"

lz = Lazy()
print(get_b(lz))
Lazy.__getattr__ = lambda self, name: "from __getattr__ " + name
print(get_b(lz))
lz.b = 2
print(get_b(lz))


class Logged:
    def __init__(self):
        self.v = 0

def store_v(o, v):
    o.v = v

lg = Logged()
for i in range(3):
    store_v(lg, i)
print(lg.v)
def logging_setattr(self, name, value):
    print("set", name, value)
    object.__setattr__(self, name, value)
Logged.__setattr__ = logging_setattr
store_v(lg, 10)
print(lg.v)


class Spy:
    def __init__(self):
        self.k = "plain"

def get_k(o):
    return o.k

sp = Spy()
print(get_k(sp), get_k(sp))
Spy.__getattribute__ = lambda self, name: "intercepted " + name
print(get_k(sp))


class WithDict:
    def __init__(self):
        self.q = 1

def get_q(o):
    return o.q

wd = WithDict()
print(get_q(wd))
wd.__dict__["q"] = 99                     # dict mode: writes through __dict__
print(get_q(wd))


class A:
    def f(self):
        return "A.f"

class B(A):
    pass

class C(B):
    pass

def many(o):
    return o.f()

objs = [A(), B(), C()]
print([many(o) for o in objs])
B.f = lambda self: "B.f"
print([many(o) for o in objs])


class Counter:
    count = 0
    def inc(self):
        self.count += 1                   # reads the class attribute, then the slot
        return self.count

k = Counter()
print(k.inc(), k.inc(), Counter.count)
Counter.count = 100
print(Counter().inc(), k.inc())
