class DelOnly:
    def __get__(self, obj, owner):
        return "from get"
    def __delete__(self, obj):
        print("delete called")
class E:
    x = DelOnly()
e = E()
try:
    e.x = 3
except AttributeError as exc:
    print("AttributeError", exc)
# A descriptor with only __set__ is still a data descriptor.
class SetOnly:
    def __set__(self, obj, value):
        print("set", value)
class D:
    s = SetOnly()
d = D()
d.s = 1
d.__dict__["s"] = "dict"
print(type(d.s).__name__)

try:
    d.s = 2
except AttributeError as exc:
    print("AttributeError", exc)
# Functions are non-data descriptors: binding
class F:
    def m(self):
        return "m"
f = F()
print(F.__dict__["m"].__get__(f, F)())
f.m = lambda: "override"
print(f.m())
print(F.m(f))
# property raising AttributeError falls back to __getattr__
class Q:
    @property
    def x(self):
        raise AttributeError("inner")
    def __getattr__(self, name):
        return "fallback for " + name
print(Q().x)

