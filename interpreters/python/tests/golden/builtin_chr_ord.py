def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for c in [0, 65, 97, 127, 128, 255, 256, 0x20ac, 0xffff, 0x10000, 0x1f600, 0x10ffff]:
    print(c, repr(chr(c)), ord(chr(c)) == c)
t(lambda: chr(-1))
t(lambda: chr(0x110000))
t(lambda: chr(2**70))
t(lambda: chr(1.5))
t(lambda: chr("a"))
t(lambda: chr(True))
t(lambda: ord("a"))
t(lambda: ord("€"))
t(lambda: ord(""))
t(lambda: ord("ab"))
t(lambda: ord(1))
t(lambda: ord(None))
