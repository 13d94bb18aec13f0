eg = ExceptionGroup("many", [ValueError(1), TypeError("t")])
print(type(eg).__name__, eg.message, eg.exceptions, str(eg))
print(repr(eg))
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
beg = BaseExceptionGroup("b", [ValueError(2)])
print(type(beg).__name__)
beg2 = BaseExceptionGroup("b", [KeyboardInterrupt()])
print(type(beg2).__name__)
one = ExceptionGroup("one", [KeyError("k")])
print(str(one), len(one.exceptions))
for args in [("m", []), ("m", [1]), (1, [ValueError()])]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)
