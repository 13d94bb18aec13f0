def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, 3), slice(1, 2, None))
print(s.indices(5), slice(None, None, -1).indices(10), slice(-3, None).indices(10), slice(-100, 100).indices(7))
print("abcdefghijk"[s], list(range(20))[slice(None, None, 5)], (1, 2, 3)[slice(-2, None)])
t(lambda: slice(0, 1, 0).indices(5))
t(lambda: slice(1, 2).indices(-1))
t(lambda: slice())
t(lambda: slice(1, 2, 3, 4))
t(lambda: slice(1, 2) == slice(1, 2))
t(lambda: slice(1, 2) == slice(1, 3))
t(lambda: slice(1, 2) < slice(1, 3))
t(lambda: hash(slice(1, 2)))
t(lambda: slice("a", "b").start)
t(lambda: [1, 2, 3][slice("a", None)])
class G:
    def __getitem__(self, k):
        return k
g = G()
print(g[1:2], g[::3], g[1:2, 3], g[...], g[:, None], g[1:2:3])
