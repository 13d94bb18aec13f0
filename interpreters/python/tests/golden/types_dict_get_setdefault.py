def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {}
for w in "a b a c b a".split():
    d.setdefault(w, []).append(len(d))
print(d)
c = {}
for ch in "mississippi":
    c[ch] = c.get(ch, 0) + 1
print(c, sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
print(d.get("zz", "none"), d.get("a")[0], d.setdefault("new"), d)
t(lambda: d.get())
t(lambda: d.get(1, 2, 3))
t(lambda: d.setdefault())
t(lambda: d.get([]))
