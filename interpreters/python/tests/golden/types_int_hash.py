def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, 2**62, -(2**61), 2**100, -(2**100), 10**30]:
    print(v, hash(v), hash(v) == hash(float(v)) if abs(v) < 2**1000 else None)
print(hash(True), hash(False), hash(1) == hash(1.0) == hash(True))
print({2**61 - 1: "a", 0: "b"}, {hash(2**61 - 1)})
