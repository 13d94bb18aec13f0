def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(len(""), len("a" * 1000), len([None] * 5), len(tuple(range(7))), len(dict.fromkeys("abcab")), len({1, 2, 2}))
print(len(range(0, 100, 3)), len(range(100, 0, -7)), len(range(5, 0)), len("héllo wörld"), len("🎉🎉"), len(frozenset()))
print(len({}.items()), len({1: 2}.values()), len([[], []]), len(((),)), len(" \t\n"))
class C:
    def __len__(self): return True
print(len(C()))
t(lambda: len(1.5))
t(lambda: len(len))
t(lambda: len(x for x in "ab"))
