log = []
class G:
    cls_attr = "class"
    def __init__(self):
        self.inst = "instance"
    def __getattribute__(self, name):
        log.append(("ga", name))
        if name == "boom":
            raise AttributeError("boom not here")
        if name == "typeerr":
            raise TypeError("not attribute error")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        log.append(("fallback", name))
        if name.startswith("dyn_"):
            return name[4:]
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")

g = G()
print(g.inst, g.cls_attr, g.dyn_hello)
try:
    g.boom
except AttributeError as e:
    print("AttributeError", e)
try:
    g.typeerr
except TypeError as e:
    print("TypeError", e)
try:
    g.nothing
except AttributeError as e:
    print("AttributeError", e)
print(getattr(g, "nothing", "default"))
print(hasattr(g, "dyn_x"), hasattr(g, "zzz"))
print(log)

# __getattr__ is not used for dunder lookups by operators
class P:
    def __getattr__(self, name):
        return lambda *a: "via getattr"
p = P()
print(p.__len__())
try:
    len(p)
except TypeError as e:
    print("TypeError", e)

# __setattr__ / __delattr__ hooks
class S:
    def __setattr__(self, name, value):
        print("setattr", name, value)
        super().__setattr__(name, value * 2)
    def __delattr__(self, name):
        print("delattr", name)
        super().__delattr__(name)
s = S()
s.a = 21
print(s.a, vars(s))
del s.a
print(vars(s))
try:
    del s.a
except AttributeError as e:
    print("AttributeError", e)
