try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as v:
    print(repr(v.__cause__), v.__suppress_context__, repr(v.__context__))
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("during")
except RuntimeError as r:
    print(repr(r.__context__), r.__cause__, r.__suppress_context__)
try:
    try:
        raise OSError("a")
    except OSError:
        raise TypeError("b") from None
except TypeError as t:
    print(t.__cause__, t.__suppress_context__, repr(t.__context__))
e = ValueError("x")
print(e.__cause__, e.__context__, e.__traceback__)
