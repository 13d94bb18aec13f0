class OnlyEq:
    def __eq__(self, o):
        return True
try:
    hash(OnlyEq())
except TypeError as e:
    print("TypeError:", e)
print(OnlyEq.__hash__)
class Both:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Both) and self.k == o.k
    def __hash__(self):
        return hash(self.k)
s = {Both(1), Both(1), Both(2)}
print(len(s), Both(1) in s)
d = {Both("a"): 1}
print(d[Both("a")])
class Plain:
    pass
p = Plain()
print(hash(p) == hash(p), p == p, p != Plain())
class Sub(Both):
    def __eq__(self, o):
        return False
try:
    hash(Sub(1))
except TypeError as e:
    print("TypeError:", e)
print(hash(1) == hash(1.0) == hash(True))
