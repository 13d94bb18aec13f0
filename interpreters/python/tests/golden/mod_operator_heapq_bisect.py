import operator as op, heapq, bisect
print(op.add(1, 2), op.mul(3, 4), op.neg(5), op.itemgetter(1)("abc"), op.itemgetter(0, 2)("abc"))
class P:
    def __init__(self): self.x = 1; self.inner = self
print(op.attrgetter("x")(P()), op.attrgetter("inner.x", "x")(P()), op.methodcaller("upper")("ab"), op.methodcaller("split", ",")("a,b"))
print(op.truth([]), op.contains([1], 1), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"), op.getitem({1: 2}, 1))
l = [1, 2]; op.setitem(l, 0, 9); op.delitem(l, 1); print(l, op.iadd([1], [2]), op.concat("a", "b"))
print(op.lt(1, 2), op.ge(1, 2), op.is_(None, None), op.index(7), op.floordiv(7, 2), op.truediv(7, 2), op.mod(7, 3), op.pow(2, 10))
print(op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.lshift(1, 4), op.rshift(16, 2), op.invert(5))
print(repr(op.itemgetter(1)), repr(op.attrgetter("a")), repr(op.methodcaller("f", 1, k=2)))
print(sorted([(1, "b"), (0, "c"), (1, "a")], key=op.itemgetter(1)))
h = []
for x in [5, 1, 8, 3, 2, 9]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 3]; heapq.heapify(data); print(data)
print(heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), data)
print(heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(2, [5, 1, 4]), heapq.nlargest(2, ["a", "ccc", "bb"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 8])))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError", e)
a = [1, 2, 2, 4]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 3), bisect.bisect_left(a, 2, 2))
bisect.insort(a, 3); bisect.insort_left(a, 0); print(a)
print(bisect.bisect_left([(1, "a"), (3, "b")], 2, key=lambda t: t[0]))
