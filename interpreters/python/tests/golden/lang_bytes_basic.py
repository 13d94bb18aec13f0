b = b"hello"
print(b, type(b).__name__, len(b), b[0], b[-1], b[1:3], b[::-1])
print(b + b" world", b * 2, 3 * b"ab")
print(b"ell" in b, 104 in b, 120 in b)
print(list(b), [c for c in b"AB"])
print(b == b"hello", b != b"x", b < b"help", b"a" <= b"a", b"b" > b"a")
print(b"" or "empty", bool(b"x"))
print(hash(b"abc") == hash("abc"))
print(b'\x00\xff\n\t\\ "\'', b"it's", b'say "hi"')
print(bytes(3), bytes([65, 66, 67]), bytes(b"xy"), bytes("h\xe9", "utf-8"), bytes())
print(bytes(range(3)), bytes((1, 2)))
d = {b"k": 1}
print(d[b"k"], b"k" == "k")
