class Grid:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        return ("get", k)
    def __setitem__(self, k, v):
        self.d[str(k)] = v
    def __delitem__(self, k):
        print("del", k)
g = Grid()
print(g[1], g[1, 2], g[1:2], g[::3], g[1:2, ...])
g["a"] = 1
g[0:5] = "x"
print(g.d)
del g[7]
del g[1:2]
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, [0, 1, 2, 3, 4, 5][s])
class Idx:
    def __index__(self):
        return 2
print([10, 20, 30][Idx()], "abc"[Idx()], (1, 2, 3)[:Idx()])
try:
    key = (Idx(), 1)
    [1][key]
except TypeError as e:
    print("TypeError:", e)
