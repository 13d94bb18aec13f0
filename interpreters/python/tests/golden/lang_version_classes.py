# Class attributes and methods read through the MRO by hot loops: writes on
# the class, on a base, on a grandparent, through setattr, type.__setattr__,
# delattr and a metaclass, are all seen at once.

class A:
    kind = "A.kind"
    def who(self):
        return "A.who"

class B(A):
    pass

class C(B):
    def __init__(self):
        self.n = 0

def probe(obj, rounds, action):
    out = []
    for i in range(rounds):
        action(i)
        if i % 5 == 0:
            out.append((obj.who(), obj.kind))
    return out

c = C()

def rebind_grandparent_method(i):
    if i == 5:
        A.who = lambda self: "A.who v2"

print(probe(c, 15, rebind_grandparent_method))

def shadow_on_parent(i):
    if i == 5:
        B.who = lambda self: "B.who"
    if i == 10:
        del B.who

print(probe(c, 15, shadow_on_parent))

def setattr_paths(i):
    if i == 5:
        setattr(A, "kind", "via setattr")
    if i == 10:
        type.__setattr__(B, "kind", "via type.__setattr__")
    if i == 15:
        delattr(B, "kind")

print(probe(c, 20, setattr_paths))

# Class-level counter rebound inside the loop that reads it.
class Counter:
    count = 0
    def bump(self):
        Counter.count += 1
        return self.count

k = Counter()
print([k.bump() for _ in range(10)][-3:], Counter.count)

# A method added to the class shadows nothing but becomes callable at once.
def try_greet(obj, rounds):
    out = []
    for i in range(rounds):
        if i == 3:
            C.greet = lambda self: "hello"
        try:
            out.append(obj.greet())
        except AttributeError as e:
            out.append(str(e))
    return out

print(try_greet(c, 5))

# A property added on a base turns an instance attribute read around.
class P:
    pass

class Q(P):
    def __init__(self):
        self.x = "instance x"

def read_x(q, rounds):
    out = []
    for i in range(rounds):
        if i == 3:
            P.x = property(lambda self: "property x")
        if i == 6:
            del P.x
        out.append(q.x)
    return out

print(read_x(Q(), 8))

# A metaclass __setattr__ still goes through type.__setattr__.
class Meta(type):
    def __setattr__(cls, name, value):
        super().__setattr__(name, value + "!")

class M(metaclass=Meta):
    tag = "plain"
    def get(self):
        return self.tag

m = M()
out = []
for i in range(6):
    if i == 3:
        M.tag = "meta"
    out.append(m.get())
print(out)

# Stores through the cached path see a new data descriptor at once.
class S:
    def __init__(self):
        self.v = 0

def store_loop(s, rounds):
    log = []
    for i in range(rounds):
        if i == 3:
            S.v = property(lambda self: "ro", lambda self, val: log.append(val))
        s.v = i
    return log, s.__dict__.get("v")

print(store_loop(S(), 6))
