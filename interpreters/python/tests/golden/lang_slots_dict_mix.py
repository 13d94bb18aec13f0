class Base:
    __slots__ = ("a",)
class Free(Base):
    pass
f = Free()
f.a = 1
f.b = 2
print(f.__dict__, f.a)
f.__dict__["a"] = 5
print(f.a)
