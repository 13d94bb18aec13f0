def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = [1, [2, [3, [4, []]]], (5, (6,)), {"k": [7]}, {8}, "s", 1.5, None, True]
print(l)
print(repr(l) == str(l), len(repr(l)))
r = []
r.append(r)
print(r, [r, r])
d = {}
d["self"] = d
print(d, [d])
t(lambda: str([object()]).startswith("[<object object at"))
