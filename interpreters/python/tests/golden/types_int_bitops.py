def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for a in [0, 5, -5, 255, -256, 2**65 + 7, -(2**65)]:
    print(a & 0xF0, a | 3, a ^ -1, ~a, a << 3, a >> 2, a >> 100)
t(lambda: 1 << -1)
t(lambda: 1 >> -1)
t(lambda: 1 << 200)
t(lambda: -1 >> 1000)
t(lambda: 1 & 1.0)
t(lambda: ~1.5)
print((-12345678901234567890) & 0xFFFF, (-1) ^ (2**70))
print(True & False, True | False, True ^ True, ~True)
print(type(True & True).__name__, type(True + True).__name__)
