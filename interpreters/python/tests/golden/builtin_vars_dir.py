def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class C:
    a = 1
    def m(self): pass
o = C()
o.x = 5
o.y = "y"
t(lambda: vars(o))
t(lambda: sorted(k for k in vars(C) if not k.startswith("__")))
t(lambda: vars(5))
t(lambda: vars(1, 2))
t(lambda: [n for n in dir(o) if not n.startswith("__")])
t(lambda: [n for n in dir(C) if not n.startswith("__")])
t(lambda: "append" in dir([]))
t(lambda: [n for n in dir("") if not n.startswith("_")])
t(lambda: [n for n in dir([]) if not n.startswith("_")])
t(lambda: [n for n in dir({}) if not n.startswith("_")])
t(lambda: [n for n in dir(set()) if not n.startswith("_")])
t(lambda: [n for n in dir(1) if not n.startswith("_")])
t(lambda: [n for n in dir(1.0) if not n.startswith("_")])
t(lambda: [n for n in dir(()) if not n.startswith("_")])
class D:
    def __dir__(self): return ["z", "a", "m"]
t(lambda: dir(D()))
def f():
    local1 = 1
    local2 = 2
    return dir()
t(f)
