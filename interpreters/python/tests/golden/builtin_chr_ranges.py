def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print("".join(chr(c) for c in range(65, 91)), "".join(chr(c) for c in range(0x3b1, 0x3c2)))
print([chr(c) for c in [0x7f, 0x80, 0xa0, 0xad, 0x200b, 0xfeff, 0xd7ff, 0xe000]])
print([ord(c) for c in "aé€😀\x00\n"], [hex(ord(c)) for c in "Ωж中"])
print(chr(ord("a") + 1), ord(chr(0x10ffff)), chr(0x61) == "a", [chr(i) for i in range(5)])

t(lambda: chr(-5))
t(lambda: ord("\U0001f600"))
