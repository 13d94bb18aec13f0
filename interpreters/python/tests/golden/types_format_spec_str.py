def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for spec in ["", "s", "10", "<10", ">10", "^10", "*^11", ".2", "10.3", "-<6", "0>6", "^", "é^9"]:
    print(spec, repr(format("héllo", spec)))
t(lambda: format("x", "d"))
t(lambda: format("x", "+"))
t(lambda: format("x", " "))
t(lambda: format("x", "#"))
t(lambda: format("x", ","))
t(lambda: format("x", "="))
t(lambda: format("x", "05"))
t(lambda: format("x", "z"))
t(lambda: format("x", "{"))
t(lambda: format("x", "<<5"))
t(lambda: format("", "^3"))
t(lambda: format(None, ""))
t(lambda: format(None, ">5"))
t(lambda: format([1], ""))
t(lambda: format([1], "5"))
t(lambda: format((1, 2)))
t(lambda: format(object, "")[:13])
class F:
    def __format__(self, spec):
        return "F(" + spec + ")"
t(lambda: format(F(), "abc"))
t(lambda: f"{F():xyz} {F()!r:>3}"[:5])
t(lambda: "{:q}".format(F()))
class G:
    def __format__(self, spec):
        return 5
t(lambda: format(G()))
