class O: pass
class A(O): pass
class B(O): pass
class C(A, B): pass
print([k.__name__ for k in C.__mro__])
try:
    class Bad(A, O, B): pass
except TypeError as e:
    print("TypeError:", e)
class Base:
    greeting = "hi"
    def hello(self):
        return f"{self.greeting} from {type(self).__name__}"
class Child(Base):
    greeting = "yo"
print(Base().hello(), Child().hello(), Child.greeting, issubclass(Child, (int, Base)))
class WithInit:
    def __init__(self, a, b=2):
        self.a, self.b = a, b
class Sub(WithInit):
    def __init__(self, *args):
        super(Sub, self).__init__(*args)
        self.c = self.a + self.b
s = Sub(1)
print(s.a, s.b, s.c, vars(s) if False else sorted(s.__dict__))
class Slotted:
    x = 5
i = Slotted()
i.x = i.x + 1
print(i.x, Slotted.x)
class Meta(type):
    pass
print(type(Slotted).__name__, Slotted.__name__, Slotted.__qualname__)
class Desc:
    def __get__(self, obj, owner):
        return "desc" if obj is not None else "class-desc"
class UsesDesc:
    d = Desc()
print(UsesDesc().d, UsesDesc.d)
class G:
    def __getattr__(self, name):
        return name.upper()
print(G().anything)
