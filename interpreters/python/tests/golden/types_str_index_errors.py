def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "hello"
t(lambda: s[5])
t(lambda: s[-6])
t(lambda: s[10**20])
t(lambda: s.index("z"))
t(lambda: s.rindex("z"))
t(lambda: s.index("l", 4))
t(lambda: s.find())
t(lambda: s.find("l", 1, 2, 3))
t(lambda: s.split(",", "x"))
t(lambda: s.center())
t(lambda: s.center(10, ""))
t(lambda: s.center(10, "ab"))
t(lambda: s.zfill("5"))
t(lambda: s.ljust(2**100))
