def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for n in [0, 1, -1, 8, 255, -256, 2**64, -(2**70) + 3, True]:
    print(hex(n), oct(n), bin(n))
t(lambda: hex(1.5))
t(lambda: oct("8"))
t(lambda: bin(None))
class I:
    def __index__(self): return 10
t(lambda: hex(I()))
t(lambda: bin(I()))
t(lambda: oct(I()))
t(lambda: hex())
t(lambda: int(hex(12345), 16))
t(lambda: int(bin(-77), 0))
t(lambda: int(oct(2**65), 8))
