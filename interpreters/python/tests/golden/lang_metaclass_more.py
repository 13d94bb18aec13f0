class Registry(type):
    classes = []
    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes.append(name)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Registry.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("creating instance of", cls.__name__)
        return super().__call__(*a, **k)
    def __repr__(cls):
        return f"<class {cls.__name__} via Registry>"
    def describe(cls):
        return "meta method on " + cls.__name__

class Base(metaclass=Registry, flag=True):
    def method(self):
        return "m"

class Child(Base):
    def __init__(self, v):
        self.v = v

c = Child(3)
print(c.v, Registry.classes, repr(Child), type(Child).__name__)
print(Child.describe())
try:
    c.describe()
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(Child, Registry), issubclass(Registry, type), type(Registry) is type)

# a function as metaclass
def fmeta(name, bases, ns):
    print("fmeta", name, bases)
    return {"name": name, "keys": sorted(ns)}
class NotAClass(metaclass=fmeta):
    y = 2
print(NotAClass)

# __init_subclass__ with keyword arguments and __class_getitem__
class Plugin:
    kinds = {}
    def __init_subclass__(cls, kind=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.kinds[kind] = cls.__name__
class P1(Plugin, kind="one"): pass
class P2(Plugin, kind="two"): pass
print(Plugin.kinds)
# the metaclass attribute lookup order
class Meta(type):
    attr = "meta"
class K(metaclass=Meta):
    pass
print(K.attr)
K.attr = "class"
print(K.attr, Meta.attr)
try:
    K().attr
except AttributeError as e:
    print("AttributeError:", e)
