def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: int())
t(lambda: int("42"))
t(lambda: int("  -42  "))
t(lambda: int("+7"))
t(lambda: int("1_000_000"))
t(lambda: int("0x1f", 16))
t(lambda: int("0x1f", 0))
t(lambda: int("0o17", 0))
t(lambda: int("0b101", 0))
t(lambda: int("z", 36))
t(lambda: int("Z", 36))
t(lambda: int("101", 2))
t(lambda: int("12", 3))
t(lambda: int("9", 8))
t(lambda: int("abc"))
t(lambda: int(""))
t(lambda: int("1__0"))
t(lambda: int("_1"))
t(lambda: int("010", 0))
t(lambda: int("0", 0))
t(lambda: int("00", 0))
t(lambda: int("1", 1))
t(lambda: int("1", 37))
t(lambda: int(3.99))
t(lambda: int(-3.99))
t(lambda: int(1e20))
t(lambda: int(float("inf")))
t(lambda: int(float("nan")))
t(lambda: int(True))
t(lambda: int(None))
t(lambda: int([1]))
t(lambda: int(5, 10))
t(lambda: int("5", base=10))
t(lambda: int("99999999999999999999999999"))
t(lambda: int("-0"))
class I:
    def __int__(self):
        return 9
class J:
    def __index__(self):
        return 11
t(lambda: int(I()))
t(lambda: int(J()))
