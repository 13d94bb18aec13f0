class Registry(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        return super().__new__(mcls, name, bases, ns)
    def __repr__(cls):
        return f"<class {cls.__name__} via Registry>"
class Base(metaclass=Registry):
    pass
# type() with three arguments
Dyn = type("Dyn", (Base,), {"x": 5, "get": lambda self: self.x})
print(Dyn().get(), Dyn.__name__, Dyn.__bases__, type(Dyn).__name__)

# metaclass conflict
class M1(type): pass
class M2(type): pass
class A(metaclass=M1): pass
class B(metaclass=M2): pass
try:
    class C(A, B): pass
except TypeError as e:
    print("TypeError:", e)

class Plugin:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
try:
    class P3(Plugin, unknown=1): pass
except TypeError as e:
    print("TypeError:", e)
