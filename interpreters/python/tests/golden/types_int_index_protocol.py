def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
l = list(range(10))
print(l[Idx(3)], l[Idx(-1)], l[Idx(2):Idx(5)], "abcdef"[Idx(1)], (1, 2, 3)[Idx(0)])
print(hex(Idx(255)), bin(Idx(5)), oct(Idx(8)), range(Idx(3)), [0] * Idx(2), "ab" * Idx(3))
t(lambda: l[Idx("x")])
t(lambda: range(Idx(1.5)))
