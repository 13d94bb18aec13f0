d = {}
for i in range(20):
    d[i * 7 % 11] = i
print(d)
for k in [3, 5, 100]:
    d.pop(k, None)
print(len(d), list(d)[:5], d.setdefault(100, "new"), d[100])
e = dict.fromkeys("ab", 0) if hasattr(dict, "fromkeys") else {"a": 0, "b": 0}
print(e, {**e, "c": 1}, e | {"d": 2})
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: -kv[1]))
nested = {"x": {"y": [1, 2, {"z": None}]}}
print(nested["x"]["y"][2], nested == {"x": {"y": [1, 2, {"z": None}]}})
d2 = {1: "int", 1.0: "float", True: "bool"}
print(d2)
keys = list(d)
for k in keys:
    if k % 2:
        del d[k]
print(d)
try:
    for k in d:
        d[k + 1000] = 0
except RuntimeError as err:
    print(err)
print(d.popitem(), {(1, 2): "tuple key"}[(1, 2)])
