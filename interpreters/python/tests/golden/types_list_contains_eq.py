def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class E:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, E) and o.v == self.v
    __hash__ = None
l = [1, "a", E(5), None, [1, 2], (3,)]
print(E(5) in l, E(6) in l, None in l, [1, 2] in l, (3,) in l, 1.0 in l, True in l, "A" in l)
print(l.count(E(5)), l.index(E(5)), [1, 2] == [1, 2], [1, 2] == [2, 1], [[]] == [[]], [] == (), [1] != [1.0])
nan = float("nan")
print(nan in [nan], [nan] == [nan], [nan].count(nan), [float("nan")].count(float("nan")))
