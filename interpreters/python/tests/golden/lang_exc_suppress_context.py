def show(e):
    print(type(e).__name__, e, "| cause:", repr(e.__cause__), "| context:", repr(e.__context__),
          "| suppress:", e.__suppress_context__)

try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
except ValueError as e:
    show(e)

try:
    try:
        raise KeyError("a")
    except KeyError as k:
        raise ValueError("b") from k
except ValueError as e:
    show(e)

try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b") from None
except ValueError as e:
    show(e)

e = ValueError("fresh")
show(e)
e.__suppress_context__ = True
show(e)
e.__cause__ = KeyError("set")
show(e)
# context is the exception being handled, even in nested functions
def inner():
    raise RuntimeError("inner")
try:
    try:
        1 / 0
    except ZeroDivisionError:
        inner()
except RuntimeError as r:
    show(r)

# re-raising the handled exception does not chain to itself
try:
    try:
        raise KeyError("x")
    except KeyError as k:
        raise k
except KeyError as k2:
    show(k2)

# finally with a new exception
try:
    try:
        raise KeyError("in try")
    finally:
        raise IndexError("in finally")
except IndexError as i:
    show(i)

