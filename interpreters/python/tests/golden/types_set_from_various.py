def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(set("hello") == {"h", "e", "l", "o"}, set(range(5)), set((1, 1, 2)), set({"a": 1}), set(), set([]))
print(frozenset(range(3)), set(frozenset([1])), sorted(set("mississippi")), len(set([1, 1.0, True])))
s = {1, 2, 3}
print(s == {3, 2, 1}, s <= {1, 2, 3, 4}, s.issubset(range(10)), s.issuperset([1, 2]), s.isdisjoint("abc"))
print({i * i for i in range(6)}, {c for c in "banana"} == {"b", "a", "n"})
t(lambda: set(1, 2))
t(lambda: set([{}]))
