# int subclasses: arithmetic gives plain ints, overrides win.
class I(int):
    pass

i = I(5)
print(type(i).__name__, isinstance(i, int), i, repr(i), I(), I("17"), I("ff", 16), I(3.9))
print(i + 1, type(i + 1).__name__, 1 + i, i - 2, i * 3, i // 2, i % 3, i ** 2, i / 2)
print(-i, +i, ~i, abs(I(-4)), type(-i).__name__, i << 2, i >> 1, i & 4, i | 2, i ^ 1)
print(i == 5, 5 == i, i < 6, i > 6, hash(i) == hash(5), {i: "a"}[5], {5: "b"}[i])
print(int(i), type(int(i)).__name__, float(i), str(i), type(str(i)).__name__)
print(f"{i}", f"{i:03d}", f"{i:x}", "%d %s %r" % (i, i, i), format(i, "b"))
print(range(I(3)), list(range(I(2), I(5))), [10, 20, 30][I(1)], "abc"[I(2)])
print(bool(I(0)), bool(I(2)), I(0) or "zero", [x for x in [I(0), I(1)] if x])
print(sorted([I(3), 1, I(2)]), max(I(1), I(9)), sum([I(1), I(2)]), divmod(I(7), 2))
big = I(2 ** 70)
print(big, big + 1, type(big).__name__, big > 2 ** 69, hash(big) == hash(2 ** 70))
print(i.bit_length(), i.to_bytes(2, "big"), I.from_bytes(b"\x01\x00", "big"), type(I.from_bytes(b"\x01", "big")).__name__)
i.note = "n"
print(i.note, i.__dict__)
import json
print(json.dumps([I(1), I(-2)]))

class Meters(int):
    def __new__(cls, value, unit="m"):
        obj = super().__new__(cls, value)
        obj.unit = unit
        return obj
    def __repr__(self):
        return f"Meters({int(self)}{self.unit})"
    def __add__(self, other):
        return Meters(int(self) + int(other), self.unit)
    __radd__ = __add__

m = Meters(3)
print(m, repr(m), m + 4, 4 + m, type(m + 4).__name__, m * 2, type(m * 2).__name__)
print(str(m), f"{m}", [m], int(m) == 3, m == 3)

class Index(int):
    def __index__(self):
        return 1
print([7, 8, 9][Index(2)], hex(I(255)), bin(I(5)), oct(I(8)))
