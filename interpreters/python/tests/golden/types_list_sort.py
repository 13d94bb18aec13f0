def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

data = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: p[0], reverse=True))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 2.5, 0, -0.0, 10**20, True, -7]
nums.sort(); print(nums)
nums.sort(key=abs); print(nums)
nums.sort(reverse=True); print(nums)
l = list(range(20, 0, -1))
l.sort(key=lambda v: v % 3); print(l)
t(lambda: sorted([1, "a"]))
t(lambda: [3, 1].sort(lambda a: a))
t(lambda: sorted([1], key=5))
t(lambda: sorted())
t(lambda: [2, 1].sort(cmp=None))
t(lambda: sorted([[2, 1], [1, 2], [1]]))
t(lambda: sorted({3: 1, 1: 2}))
t(lambda: sorted("cba", reverse=1))
t(lambda: sorted([3, 1, 2], reverse=None))
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"K{self.v}"
print(sorted([K(3), K(1), K(2)]), max([K(3), K(5)], key=lambda k: k.v))
bad = [3, 2, 1]
def key(v):
    if v == 2:
        raise ValueError("bad key")
    return v
t(lambda: bad.sort(key=key))
print(bad)
import random
random.seed(1)
big = [random.randrange(50) for _ in range(300)]
pairs = [(v, i) for i, v in enumerate(big)]
s = sorted(pairs, key=lambda p: p[0])
print(all(s[i][0] < s[i + 1][0] or (s[i][0] == s[i + 1][0] and s[i][1] < s[i + 1][1]) for i in range(len(s) - 1)))
print(s[:8], s[-3:])
r = sorted(pairs, key=lambda p: p[0], reverse=True)
print(r[:8])
