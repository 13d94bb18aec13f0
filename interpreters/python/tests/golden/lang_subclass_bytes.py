# bytes subclasses.
class B(bytes):
    def hexed(self):
        return self.hex()

b = B(b"abc")
print(type(b).__name__, b, repr(b), B(), B(3), B([65, 66]), B("hi", "ascii"), isinstance(b, bytes))
print(len(b), b[0], b[1:], type(b[1:]).__name__, b + b"d", type(b + b"d").__name__, b * 2)
print(b == b"abc", hash(b) == hash(b"abc"), {b: 1}[b"abc"], b"b" in b, b.hexed(), b.upper())
print(b.decode(), str(b, "utf-8"), bytes(b), type(bytes(b)).__name__, list(b), bool(B()))
b.extra = 1
print(b.extra, b.__dict__)
print(str(b"caf\xc3\xa9", "utf-8"), str(b"\xff\xfe", "utf-8", "ignore"), str(b"x", encoding="ascii"))
for bad in (lambda: str(b"\xff", "utf-8"), lambda: str("s", "utf-8"), lambda: str(1, "utf-8"),
            lambda: str(b"x", 1), lambda: str(b"x", "utf-8", "strict", 1), lambda: str(b"x", bogus=1)):
    try:
        print(repr(bad()))
    except (TypeError, UnicodeDecodeError) as e:
        print(type(e).__name__, e)
