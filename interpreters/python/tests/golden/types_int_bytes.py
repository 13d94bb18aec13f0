def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for n in [0, 1, 255, 256, 65535, 2**64 - 1, 2**100]:
    size = max(1, (n.bit_length() + 7) // 8)
    print(n, n.to_bytes(size, "big"), n.to_bytes(size, "little"), int.from_bytes(n.to_bytes(size, "big"), "big") == n)
for n in [-1, -128, -129, 127, -(2**63)]:
    b = n.to_bytes(9, "little", signed=True)
    print(n, b, int.from_bytes(b, "little", signed=True))
print((5).to_bytes(), (5).to_bytes(3), (5).to_bytes(length=2, byteorder="little"), int.from_bytes([1, 2, 3], "big"))
print(int.from_bytes(b"\x80", "big", signed=True), int.from_bytes(b"\x80", "big"), int.from_bytes(bytearray(b"\x01\x02"), "little"))
t(lambda: (256).to_bytes(1, "big"))
t(lambda: (-1).to_bytes(1, "big"))
t(lambda: (128).to_bytes(1, "big", signed=True))
t(lambda: (1).to_bytes(1, "middle"))
t(lambda: (1).to_bytes(-1, "big"))
t(lambda: int.from_bytes([256], "big"))
t(lambda: (0).to_bytes(0, "big"))
t(lambda: (1).to_bytes(0, "big"))
print((7).real, (7).imag, (7).numerator, (7).denominator, (2.5).real, (2.5).imag, True.numerator, type(True.real).__name__)
