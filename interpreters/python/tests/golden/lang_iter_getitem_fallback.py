class Seq:
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        print("getitem", i)
        if i >= self.n:
            raise IndexError(i)
        return i * 10

print(list(Seq(3)))
print(20 in Seq(5))
a, b = Seq(2)
print(a, b)
it = iter(Seq(2))
print(type(it).__name__, next(it), next(it))
try:
    next(it)
except StopIteration:
    print("stopped")
print(sorted(Seq(3), reverse=True), sum(Seq(4)), max(Seq(2)))

class StopEarly:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i
print(list(StopEarly()))

class KeyErr:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyErr())
except KeyError as e:
    print("KeyError", e)

class NoIter:
    __iter__ = None
    def __getitem__(self, i): return i
try:
    iter(NoIter())
except TypeError as e:
    print("TypeError:", e)

for bad in (5, 3.5, None, object()):
    try:
        iter(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    for x in 42: pass
except TypeError as e:
    print("TypeError:", e)

class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
class NoNext:
    def __iter__(self): return self
try:
    for x in NoNext(): pass
except TypeError as e:
    print("TypeError:", e)
try:
    next([1])
except TypeError as e:
    print("TypeError:", e)

# iter(callable, sentinel)
vals = iter([1, 2, 3, 0, 5])
print(list(iter(lambda: next(vals), 0)))
print(list(vals))
# __contains__ fallback to __iter__
class OnlyIter:
    def __iter__(self):
        yield from (1, 2, 3)
print(2 in OnlyIter(), 9 in OnlyIter())
class NoContain:
    pass
try:
    1 in NoContain()
except TypeError as e:
    print("TypeError:", e)
# reversed via __len__/__getitem__
class R:
    def __len__(self): return 3
    def __getitem__(self, i): return "abc"[i]
print(list(reversed(R())))
