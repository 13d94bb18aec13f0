class EqOnly:
    def __eq__(self, o): return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError:", e)
try:
    {EqOnly()}
except TypeError as e:
    print("TypeError:", e)

class EqHash:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, EqHash) and self.k == o.k
    def __hash__(self): return hash(self.k)
s = {EqHash(1), EqHash(1), EqHash(2)}
print(len(s))
d = {EqHash("a"): 1}
d[EqHash("a")] = 2
print(len(d), d[EqHash("a")])

class Inherit(EqHash):
    pass
print(Inherit.__hash__ is EqHash.__hash__)
class Override(EqHash):
    def __eq__(self, o): return False
print(Override.__hash__)

class NoHash:
    __hash__ = None
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)

class BigHash:
    def __hash__(self): return 2**70
print(hash(BigHash()) == hash(2**70))
class BadHash:
    def __hash__(self): return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)

print(hash(1) == hash(1.0) == hash(True))
print({1: "a", 1.0: "b", True: "c"})
print(hash((1, 2)) == hash((1, 2)), hash(-1), hash(-2))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
try:
    hash(([],))
except TypeError as e:
    print("TypeError:", e)

# Identity shortcut in containers
class Never:
    def __eq__(self, o): return False
    __hash__ = object.__hash__
n = Never()
print(n in [n], n in {n}, [n] == [n], n == n)
nan = float("nan")
print(nan in [nan], nan == nan, [nan] == [nan])
