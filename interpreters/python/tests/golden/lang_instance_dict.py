class P:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
d = p.__dict__
print(d)
d["c"] = 3
print(p.c, hasattr(p, "c"))
p.e = 5
print(d, p.__dict__ is d)
del d["a"]
print(hasattr(p, "a"), sorted(vars(p)))
del p.b
print(d)
p.__dict__ = {"z": 26}
print(p.z, vars(p), p.cls_attr)
try:
    p.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
q = P()
q.__dict__.update(x=10, y=20)
print(q.x + q.y, sorted(q.__dict__))
