class Base:
    __slots__ = ("a",)
class Child(Base):
    __slots__ = ("b",)
class Free(Base):
    pass
class WithDict:
    __slots__ = ("a", "__dict__")
c = Child()
c.a, c.b = 1, 2
print(c.a, c.b)
try:
    c.c = 3
except AttributeError as e:
    print("AttributeError:", e)
f = Free()
f.a = 1
f.anything = 2
print(f.a, f.anything)
w = WithDict()
w.a = 1
w.other = 2
print(w.a, w.other)
try:
    class Bad:
        __slots__ = ("x",)
        x = 1
except ValueError as e:
    print("ValueError:", e)
try:
    class Bad2:
        __slots__ = (1,)
except TypeError as e:
    print("TypeError:", e)
