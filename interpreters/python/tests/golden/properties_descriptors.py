class Temperature:
    def __init__(self, c):
        self._c = c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9
    @fahrenheit.deleter
    def fahrenheit(self):
        print("deleting")
t = Temperature(100)
print(t.fahrenheit)
t.fahrenheit = 32
print(t._c)
del t.fahrenheit
try:
    Temperature.celsius = property(lambda self: self._c)
    print(t.celsius)
    t.celsius = 5
except AttributeError as e:
    print("AttributeError:", e)
class Typed:
    def __init__(self, name):
        self.name = name
    def __set_name__(self, owner, name):
        self.attr = "_" + name
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return getattr(obj, self.attr, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name} must be int")
        setattr(obj, self.attr, value)
class Model:
    size = Typed("size")
m = Model()
m.size = 3
print(m.size, m._size, Model.size.attr)
try:
    m.size = "big"
except TypeError as e:
    print(e)
class Registry:
    subclasses = []
    def __init_subclass__(cls, **kw):
        Registry.subclasses.append(cls.__name__)
class One(Registry): pass
class Two(Registry): pass
print(Registry.subclasses)
