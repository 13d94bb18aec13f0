class Rec:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __setattr__(self, n, v):
        self.log.append(("set", n, v))
        object.__setattr__(self, n, v)
    def __delattr__(self, n):
        self.log.append(("del", n))
        object.__delattr__(self, n)
    def __getattr__(self, n):
        return f"<{n}>"
r = Rec()
r.a = 1
r.b = 2
del r.a
print(r.log, r.a, r.b)
setattr(r, "c", 3)
print(getattr(r, "c"), getattr(r, "zz"), hasattr(r, "anything"))
delattr(r, "c")
print(r.log[-1])
class Strict:
    def __getattr__(self, n):
        raise AttributeError(f"no {n}")
print(getattr(Strict(), "q", "default"), hasattr(Strict(), "q"))
