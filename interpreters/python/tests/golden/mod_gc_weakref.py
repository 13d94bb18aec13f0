import gc, weakref
print(gc.isenabled()); gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
print(isinstance(gc.collect(), int), len(gc.get_count()), type(gc.get_stats()).__name__, gc.is_tracked([]), gc.is_tracked(1))
class Obj:
    def __init__(self, name): self.name = name
    def hello(self): return "hi " + self.name
o = Obj("a")
r = weakref.ref(o)
print(r() is o, r().name, isinstance(r, weakref.ref), r == weakref.ref(o), hash(r) == hash(o))
try:
    weakref.ref(1)
except TypeError as e:
    print("TypeError", e)
try:
    weakref.ref(None)
except TypeError as e:
    print("TypeError", e)
d = weakref.WeakValueDictionary()
d["x"] = o
print("x" in d, d["x"] is o, len(d), list(d.keys()), d.get("y", "none"))
k = weakref.WeakKeyDictionary()
k[o] = 1
print(o in k, k[o], len(k))
s = weakref.WeakSet([o])
print(o in s, len(s))
wm = weakref.WeakMethod(o.hello)
print(wm()())
f = weakref.finalize(o, print, "finalized by call")
print(f.alive)
f()
print(f.alive)
f()
p = weakref.proxy(o)
print(p.name)
