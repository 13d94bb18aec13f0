def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Count:
    def __init__(self, n): self.i, self.n = 0, n
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(3)), sum(Count(4)), max(Count(5)), sorted(Count(3), reverse=True), tuple(Count(2)))
print(dict(zip(Count(3), "abc")), set(Count(3)), "-".join(map(str, Count(4))), [*Count(2), *"xy"])
class NoIter:
    pass
t(lambda: iter(NoIter()))
t(lambda: list(NoIter()))
t(lambda: next([1]))
t(lambda: next(iter([]), None))
t(lambda: next(iter([])))
class BadIter:
    def __iter__(self): return 5
t(lambda: iter(BadIter()))
class GI:
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return chr(97 + i)
print(list(GI()), list(iter(GI())), "b" in GI())
vals = iter([1, 2, 3, 0, 4])
print(list(iter(lambda: next(vals), 0)))
cnt = [0]
def inc():
    cnt[0] += 1
    return cnt[0]
print(list(iter(inc, 4)))
t(lambda: iter(5, 1))
t(lambda: iter([], 1))
t(lambda: iter())
t(lambda: iter(1, 2, 3))
ci = iter(inc, 100)
print(type(ci).__name__, next(ci), iter(ci) is ci)
it = iter([1, 2])
print(type(it).__name__, type(iter("a")).__name__, type(iter(())).__name__, type(iter({1})).__name__, type(iter({})).__name__, type(iter(range(1))).__name__)
