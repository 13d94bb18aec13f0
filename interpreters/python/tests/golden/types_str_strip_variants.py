def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

cases = ["  x  ", "\t\nx\r\f\v", "\xa0x\xa0", "\u2000x\u3000", "xx", "", "   ", "\x1cx\x1f", "\x85x"]
for s in cases:
    print(repr(s), repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), s.isspace(), s.split())
print(repr("www.example.com".strip("cmowz.")), repr("<<a>>".strip("<>")), repr("abc".rstrip("c")), repr("abc".lstrip("ba")))
