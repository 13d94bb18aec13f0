b = b"  Hello, World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" Hd"))
print(b.upper(), b.lower())
print(b"a,b,,c".split(b","), b" a b  c ".split(), b"a b c".split(None, 1))
print(b"-".join([b"x", b"y", b"z"]), b"".join([]))
print(b"hello".replace(b"l", b"L"), b"hello".replace(b"l", b"L", 1))
print(b"hello".find(b"l"), b"hello".rfind(b"l"), b"hello".find(b"z"), b"hello".index(b"e"))
print(b"hello".count(b"l"), b"hello".count(ord("h")))
print(b"hello".startswith(b"he"), b"hello".endswith((b"x", b"lo")))
print(b"123".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b" \t".isspace(), b"".isdigit())
print(b"key=value".partition(b"="), b"novalue".partition(b"="))
print(b"\x01\xab".hex(), b"abc".hex(":"), bytes.fromhex("61 62 ff"))
print(b"hello".rindex(b"l"))
try:
    b"hello".index(b"z")
except ValueError as e:
    print("ValueError:", e)
