def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class C:
    cls_attr = "c"
    def __init__(self): self.x = 1
o = C()
t(lambda: getattr(o, "x"))
t(lambda: getattr(o, "cls_attr"))
t(lambda: getattr(o, "missing"))
t(lambda: getattr(o, "missing", "dflt"))
t(lambda: getattr(o, 5))
t(lambda: getattr(o))
t(lambda: getattr(1, "real"))
t(lambda: getattr([], "nope"))
t(lambda: getattr(C, "nope"))
t(lambda: setattr(o, "y", 2))
t(lambda: o.y)
t(lambda: setattr(o, 1, 2))
t(lambda: setattr(1, "x", 2))
t(lambda: setattr([], "x", 2))
t(lambda: setattr(C, "new_cls", 5))
t(lambda: o.new_cls)
t(lambda: hasattr(o, "x"))
t(lambda: hasattr(o, "zz"))
t(lambda: hasattr(o, 1))
t(lambda: delattr(o, "x"))
t(lambda: hasattr(o, "x"))
t(lambda: delattr(o, "x"))
t(lambda: delattr(o, "cls_attr"))
t(lambda: delattr(C, "cls_attr"))
t(lambda: hasattr(o, "cls_attr"))
class G:
    def __getattr__(self, name):
        if name.startswith("ok"):
            return name.upper()
        raise AttributeError(name)
g = G()
t(lambda: getattr(g, "ok_1"))
t(lambda: getattr(g, "bad", "fallback"))
t(lambda: hasattr(g, "bad"))
t(lambda: hasattr(g, "okay"))
class Raiser:
    @property
    def p(self): raise ValueError("boom")
t(lambda: hasattr(Raiser(), "p"))
t(lambda: getattr(Raiser(), "p", 1))
