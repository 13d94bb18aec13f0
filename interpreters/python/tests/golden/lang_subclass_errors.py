# Errors around subclasses of the builtin value types.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def make(*bases):
    return lambda: type("X", bases, {})

t(make(bool))
t(make(int, str))
t(make(tuple, list))
t(make(float, dict))
t(lambda: type("Ok", (int, object), {})(7))

class S(str):
    pass
class I(int):
    pass
class T(tuple):
    pass

t(lambda: str.__new__(int, "x"))
t(lambda: int.__new__(S, 1))
t(lambda: str.__new__(5))
t(lambda: tuple.__new__(T, 5))
t(lambda: I("x"))
t(lambda: I("12", 5))
t(lambda: S(b"\xff", "ascii"))
t(lambda: T(1, 2))
t(lambda: I(1) + "a")
t(lambda: "a" + I(1))
t(lambda: S("a") + 1)
t(lambda: S("a") < 1)
t(lambda: T((1,))[5])
t(lambda: S("ab")[9])
t(lambda: I(1) / 0)
t(lambda: S("ab").nope)
t(lambda: int.__add__(I(1), 2))
t(lambda: int.__add__(I(1), "a"))
t(lambda: str.upper(I(1)))
t(lambda: type(int.__new__(I, 4)).__name__)
t(lambda: type(str.__new__(str, "v")).__name__)
t(lambda: type(tuple.__new__(tuple, [1])).__name__)
t(lambda: (I(5).real, I(5).imag, type(I(5).real).__name__, I(5).numerator))
t(lambda: isinstance(S("a"), (int, str)))
t(lambda: issubclass(S, (str,)) and not issubclass(S, int))
t(lambda: S.__mro__)
t(lambda: I.__bases__)
