b = b"Hello World"
print(b.isascii(), b"\xff".isascii(), b"ABC1".isupper(), b"abc".islower(), b"123".isupper())
print(b.removeprefix(b"Hel"), b.removesuffix(b"ld"), b.removeprefix(b"x"))
print(b"ab".ljust(5, b"*"), b"ab".rjust(5), b"ab".center(7, b"-"), b"abc".center(6), b"abc".center(8, b"."))
print(b"42".zfill(5), b"-42".zfill(6), b"abc".zfill(2))
print(b"a.b.c".rpartition(b"."), b"abc".rpartition(b"."))
print(b"one\ntwo\r\nthree\rfour".splitlines(), b"x\ny\n".splitlines(True), b"".splitlines())
print(b"hELLO wORLD".capitalize(), b"hELLO".swapcase(), b"hello world-foo bar's".title())
print(bytearray(b"ab").center(6, b"|"), bytearray(b"Ab").swapcase())
try:
    b"a".ljust(3, b"xy")
except TypeError as e:
    print("TypeError:", e)
