class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, owner):
        if obj is None:
            return "descriptor on " + owner.__name__
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("deleting", self.name)
class P:
    age = Typed(int)
p = P()
p.age = 3
print(p.age, P.age)
try:
    p.age = "x"
except TypeError as e:
    print(e)
del p.age
class NonData:
    def __get__(self, obj, owner):
        return "computed"
class Q:
    v = NonData()
q = Q()
print(q.v)
q.__dict__["v"] = "instance wins"
print(q.v)
class R:
    @property
    def p(self):
        return "prop"
r = R()
try:
    r.p = 1
except AttributeError as e:
    print("AttributeError:", e)
