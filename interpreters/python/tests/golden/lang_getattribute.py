class Logged:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if name.startswith("secret"):
            raise AttributeError(name)
        v = object.__getattribute__(self, name)
        return ("got", name, v) if name == "x" else v
    def __getattr__(self, name):
        return "fallback:" + name
l = Logged()
print(l.x, l.secret_key, l.missing)
class Upper:
    def __getattribute__(self, n):
        return n.upper()
print(Upper().abc, getattr(Upper(), "q"))
class Counted:
    count = 0
    def __getattribute__(self, n):
        type(self).count += 1
        return object.__getattribute__(self, n)
    def m(self):
        return 1
c = Counted()
c.m(); c.m()
print(Counted.count)
