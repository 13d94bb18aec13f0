print({3, 1, 2}, {"banana", "apple", "cherry"}, set(), {1, 2} | {3}, {1, 2, 3} & {2, 3, 4})
print({1, 2, 3} - {2}, {1, 2} ^ {2, 3}, {1, 2} <= {1, 2, 3}, 2 in {1, 2})
s = set()
for w in "the quick brown fox jumps over the lazy dog".split():
    s.add(w)
print(s, len(s))
print(hash(1), hash(-1), hash(2 ** 70), hash(1.5), hash("abc"), hash(""), hash((1, 2)), hash(True))
print(sorted({-5, 10, 3, 8}), set([9, 100, 17, 33, 64]))
print({x % 7 for x in range(20)}, frozenset({1, 2}))
