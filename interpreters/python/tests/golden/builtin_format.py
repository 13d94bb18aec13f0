def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: format(1))
t(lambda: format(1, ""))
t(lambda: format(3.5, "08.3f"))
t(lambda: format("s", "^5"))
t(lambda: format([1, 2]))
t(lambda: format(None))
t(lambda: format())
t(lambda: format(1, 2))
t(lambda: format(1, "d", 3))
t(lambda: format(255, "#x"))
t(lambda: format(True, "^6"))
t(lambda: format(-0.0, ""))
t(lambda: format(1e100, ".3e"))
class X:
    pass
t(lambda: format(X(), "x"))
t(lambda: format(X(), "")[:10])
t(lambda: object.__format__(X(), "")[:10])
t(lambda: (5).__format__("03"))
t(lambda: (2.5).__format__(".1f"))
t(lambda: "s".__format__(">3"))
