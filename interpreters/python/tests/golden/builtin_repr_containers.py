def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(repr([]), repr(()), repr((1,)), repr({}), repr(set()), repr(frozenset()), repr({1}), repr(frozenset({2})))
print(repr([1, "a", 2.0, None, True]), repr(("x", ("y",))), repr({"k": ("v",)}), repr({1: {2: {3: []}}}))
print(repr(range(3)), repr(range(1, 9, 2)), repr(slice(1, 2)), repr(slice(None)), repr(...), repr(NotImplemented))
print(repr(iter([])).split(" ")[0], repr({}.keys()), repr({1: 2}.values()), repr({1: 2}.items()), repr(reversed([])).split(" ")[0])
