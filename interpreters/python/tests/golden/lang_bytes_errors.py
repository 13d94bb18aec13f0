b = b"abc"
tests = [
    lambda: b[10],
    lambda: b["x"],
    lambda: b + "s",
    lambda: bytes("s"),
    lambda: bytes(-1),
    lambda: bytes([300]),
    lambda: bytes(1.5),
    lambda: b.decode(1),
    lambda: b.fromhex("zz"),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del b[0]
except TypeError as e:
    print("TypeError:", e)
