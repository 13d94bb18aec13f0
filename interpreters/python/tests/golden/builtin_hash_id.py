def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: hash(1))
t(lambda: hash(-1))
t(lambda: hash(10**20))
t(lambda: hash(-(10**20)))
t(lambda: hash(2**61 - 2))
t(lambda: hash(0.5))
t(lambda: hash(None) == hash(None))
t(lambda: hash("abc"))
t(lambda: hash(("a", 1)))
t(lambda: hash([]))
t(lambda: hash({}))
t(lambda: hash(set()))
class H:
    def __hash__(self): return 42
class E:
    def __eq__(self, o): return True
class BadH:
    def __hash__(self): return "x"
class BigH:
    def __hash__(self): return 2**100
class NegOne:
    def __hash__(self): return -1
t(lambda: hash(H()))
t(lambda: hash(E()))
t(lambda: hash(BadH()))
t(lambda: hash(BigH()))
t(lambda: hash(NegOne()))
t(lambda: hash(True))
o = object()
t(lambda: id(o) == id(o))
t(lambda: id(o) != id(object()) or True)
t(lambda: type(id(o)).__name__)
t(lambda: id(1) == id(1))
a = [1]
b = a
print(id(a) == id(b), a is b, id(a) == id([1]))
t(lambda: hash(H()) == H().__hash__())
t(lambda: E.__hash__)
