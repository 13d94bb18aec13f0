class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset:" + self.name)
    def __set__(self, obj, value):
        obj.__dict__[self.name] = value * 2
class Model:
    a = Field()
    b = Field()
m = Model()
print(m.a)
m.a = 5
print(m.a, m.b, Model.a.name)
X = type("X", (), {"f": Field()})
print(X.f.name)
