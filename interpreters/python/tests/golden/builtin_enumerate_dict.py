def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"z": 26, "a": 1, "m": 13}
print(list(enumerate(d)), list(enumerate(d.values())), list(enumerate(d.items(), 1)))
print({i: k for i, k in enumerate(sorted(d))}, [k * i for i, k in enumerate("abc")])
for i, (k, v) in enumerate(sorted(d.items(), key=lambda kv: kv[1])):
    print(i, k, v)
