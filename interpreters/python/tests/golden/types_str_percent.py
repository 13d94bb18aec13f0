def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: "%d|%i|%5d|%-5d|%05d|%+d|% d" % (1, 2, 3, 4, 5, 6, 7))
t(lambda: "%x|%X|%#x|%#X|%o|%#o|%08x" % (255, 255, 255, 255, 8, 8, 3054))
t(lambda: "%f|%.2f|%10.3f|%-10.1f|%+.0f|%e|%E|%.3e" % (1.5, 2.345, 3.14159, 2.5, 2.5, 12345.678, 0.00012, 1e100))
t(lambda: "%g|%G|%.3g|%g|%g|%#g" % (0.0001, 1e-10, 1234567, 100000, 1e6, 1.0))
t(lambda: "%s|%r|%a|%c|%c|%%" % ("s", "r", "é", "x", 65))
t(lambda: "%(x)s and %(y)05.1f" % {"x": "X", "y": 2.25})
t(lambda: "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
t(lambda: "%s" % [1, 2])
t(lambda: "%s" % (1,))
t(lambda: "%s %s" % (1,))
t(lambda: "%s" % (1, 2))
t(lambda: "%d" % "x")
t(lambda: "%d" % 2.7)
t(lambda: "%x" % 2.5)
t(lambda: "%c" % "ab")
t(lambda: "%z" % 1)
t(lambda: "%(a)s" % 5)
t(lambda: "%(a)s" % {})
t(lambda: "%" % ())
t(lambda: "no args" % ())
t(lambda: "no args" % 5)
t(lambda: "%s" % {"a": 1})
t(lambda: "%d" % True)
t(lambda: "%d" % 2**70)
t(lambda: "%x" % -255)
t(lambda: "%.3s|%5s|%-5s|" % ("abcdef", "ab", "ab"))
t(lambda: "%f|%f|%f" % (float("inf"), float("-inf"), float("nan")))
t(lambda: "%5.1f%%" % 99.44)
t(lambda: "%r" % "a'b")
t(lambda: "%.0f %.0f %.0f %.0f" % (0.5, 1.5, 2.5, -0.5))
t(lambda: "%10.4e" % 123.456)
t(lambda: "%i" % 3.99)
class I:
    def __index__(self):
        return 7
class R:
    def __int__(self):
        return 9
t(lambda: "%x %d" % (I(), I()))
t(lambda: "%d" % R())
