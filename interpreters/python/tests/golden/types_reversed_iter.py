def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(4))), list(reversed([])))
r = reversed([1, 2])
print(type(r).__name__, next(r), next(r), next(r, "done"))
t(lambda: reversed(5))
t(lambda: reversed({1, 2}))
t(lambda: reversed(iter([1])))
t(lambda: list(reversed({"a": 1, "b": 2})))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError(i)
        return i * 10
class Rev:
    def __reversed__(self): return iter("custom")
print(list(reversed(Seq())), list(Seq()), list(reversed(Rev())), 20 in Seq())
l = [1, 2, 3]
ri = reversed(l)
l.append(4)
print(list(ri))
l2 = [1, 2, 3]
ri2 = reversed(l2)
next(ri2)
l2.clear()
print(list(ri2))
