b = b"\x00\x7f\x80\xff"
print([x for x in b], sum(b), max(b), sorted(b"cab"))
print(list(reversed(b"abc")), tuple(bytearray(b"xy")), set(b"aab") == {97, 98})
print(b"abc"[::2], b"abcdef"[-2:], bytearray(b"abcdef")[1:5:2])
it = iter(b"hi")
print(next(it), next(it), next(it, None))
print(dict.fromkeys(b"ab"), list(enumerate(b"z")))
print(b"x" * 0, b"" + b"", bytes(reversed(b"abc")), bytes(x + 1 for x in b"abc"))
print(int.from_bytes(b"\x01\x00", "big") if hasattr(int, "from_bytes") else 256)
