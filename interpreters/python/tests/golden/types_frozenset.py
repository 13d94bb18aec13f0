def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

f = frozenset([3, 1, 2])
print(f, frozenset(), frozenset("aab") == frozenset("ab"), len(f), 2 in f)
print(f | {9}, f & {1, 7}, f - {1}, f ^ {1, 7}, type(f | {9}).__name__, type({9} | f).__name__)
print(f.union([5]), f.intersection([1]), f.difference([1]), f.symmetric_difference([1]), f.copy() is f)
print(f.issubset({1, 2, 3, 4}), f.issuperset([1]), f.isdisjoint([]))
print(hash(frozenset()) == hash(frozenset([])), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset([1, 2, 3])), hash(frozenset("ab")))
print({f: "value"}[frozenset({1, 2, 3})], {frozenset([1]), frozenset([1])})
t(lambda: f.add(1))
t(lambda: frozenset([[1]]))
t(lambda: frozenset(1))
t(lambda: sorted(frozenset({3, 1, 2})))
t(lambda: frozenset({1, 2}) == {1, 2})
t(lambda: frozenset([frozenset([1])]))
t(lambda: repr(frozenset({"a"})))
