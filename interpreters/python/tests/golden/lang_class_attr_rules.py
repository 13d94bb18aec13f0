class Counter:
    count = 0
    items = []
    def bump(self):
        self.count = self.count + 1   # reads the class attribute, writes the instance
        self.items.append(self.count)  # mutates the shared class list

a, b = Counter(), Counter()
a.bump(); a.bump(); b.bump()
print(a.count, b.count, Counter.count, Counter.items)
print("count" in vars(a), "items" in vars(a))
del a.count
print(a.count)
try:
    del a.count
except AttributeError as e:
    print("AttributeError:", e)
Counter.count = 10
print(a.count, b.count)
Counter.new_attr = "added later"
print(a.new_attr)
del Counter.new_attr
try:
    a.new_attr
except AttributeError as e:
    print("AttributeError:", e)

class Base:
    shared = "base"
    def who(self):
        return "Base.who"
class Child(Base):
    pass
c = Child()
print(c.shared, Child.shared)
Base.shared = "changed on base"
print(c.shared)
Child.shared = "child own"
print(c.shared, Base.shared)
del Child.shared
print(c.shared)
Base.who = lambda self: "patched"
print(c.who())
c.who = lambda: "instance function, not bound"
print(c.who())
try:
    del Child.shared
except AttributeError as e:
    print("AttributeError:", e)
print(type(c).__dict__.get("shared"), "shared" in Base.__dict__)
class WithClassVar:
    x = 1
    y = x + 1
    z = [x * i for i in range(3)]
print(WithClassVar.y, WithClassVar.z)
print(getattr(WithClassVar, "x"), hasattr(WithClassVar(), "y"))
setattr(WithClassVar, "x", 5)
print(WithClassVar().x, WithClassVar.__dict__["x"])
