class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        "celsius"
        return self._c
    @c.setter
    def c(self, v):
        self._c = v
    @c.deleter
    def c(self):
        print("deleted")
    f = property(lambda self: self._c * 9 / 5 + 32)
t = Temp()
t.c = 100
print(t.c, t.f, Temp.c.__doc__, type(Temp.c).__name__)
del t.c
try:
    t.f = 1
except AttributeError as e:
    print("AttributeError:", e)
class K:
    count = 0
    @classmethod
    def make(cls):
        cls.count += 1
        return cls
    @staticmethod
    def util(x):
        return x * 2
print(K.make().count, K().make().count, K.util(4), K().util(5))
class Sub(K):
    pass
print(Sub.make() is Sub, Sub.count, K.count)
