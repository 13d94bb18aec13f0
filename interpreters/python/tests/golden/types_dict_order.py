d = {}
for w in "the quick brown fox jumps over the lazy dog".split():
    d[w] = d.get(w, 0) + 1
print(d)
del d["quick"]
d["quick"] = 9
print(list(d))
d["the"] = 100
print(list(d.items())[:3])
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 3):
    del big[i]
print(len(big), list(big)[:10], sum(big.values()))
for i in range(0, 1000, 3):
    big[i] = -i
print(list(big)[-5:], big[999])
print({str(i): i for i in range(5)}, {(i, -i): None for i in range(3)})
m = {1.5: "f", "s": "s", (1, 2): "t", None: "n", True: "b", frozenset([1]): "fs"}
print(m, m[1], m[frozenset({1})])
