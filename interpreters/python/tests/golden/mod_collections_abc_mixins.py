from collections.abc import Mapping, MutableMapping, Sequence, MutableSet, Iterator, Set
class Frozen(Mapping):
    def __init__(self, **kw): self._d = dict(kw)
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
f = Frozen(a=1, b=2)
print(f["a"], f.get("z", 0), "b" in f, sorted(f.keys()), sorted(f.values()), sorted(f.items()), f == {"a": 1, "b": 2}, len(f))
class Store(MutableMapping):
    def __init__(self): self._d = {}
    def __getitem__(self, k): return self._d[k.lower()]
    def __setitem__(self, k, v): self._d[k.lower()] = v
    def __delitem__(self, k): del self._d[k.lower()]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
s = Store(); s["A"] = 1; s.update({"B": 2}, C=3); s.setdefault("d", 4)
print(dict(s), s.pop("a"), s.pop("zz", None), len(s), s.popitem(), isinstance(s, Mapping))
class Seq(Sequence):
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if not 0 <= i < self.n: raise IndexError(i)
        return i * i
    def __len__(self): return self.n
q = Seq(5)
print(list(q), 9 in q, q.index(16), q.count(4), list(reversed(q)))
class Bits(MutableSet):
    def __init__(self, it=()): self._s = set(it)
    def __contains__(self, x): return x in self._s
    def __iter__(self): return iter(sorted(self._s))
    def __len__(self): return len(self._s)
    def add(self, x): self._s.add(x)
    def discard(self, x): self._s.discard(x)
b = Bits([1, 2, 3])
print(list(b & {2, 3, 4}), list(b | Bits([9])), list(b - {1}), b <= Bits([1, 2, 3, 4]), b.isdisjoint([7]))
b |= {5}; b -= {1}; print(list(b))
class Count(Iterator):
    def __init__(self): self.i = 0
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(Count()), iter(Count()).__class__.__name__)
try:
    class Bad(Mapping): pass
    Bad()
except TypeError as e:
    print("TypeError", e)
