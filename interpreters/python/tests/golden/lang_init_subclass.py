registry = []
class Plugin:
    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        registry.append((cls.__name__, name))
class A(Plugin, name="alpha"):
    pass
class B(Plugin):
    pass
class C(A, name="gamma"):
    pass
print(registry)
try:
    class D(name="x"):
        pass
except TypeError as e:
    print("TypeError:", e)
class Base:
    @classmethod
    def __init_subclass__(cls):
        cls.tag = cls.__name__.lower()
class Leaf(Base):
    pass
print(Leaf.tag)
