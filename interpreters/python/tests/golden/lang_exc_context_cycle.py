def show(e):
    print(type(e).__name__, e, "| context:", repr(e.__context__))
# context cycle is broken
a = ValueError("a")
try:
    try:
        raise a
    except ValueError:
        try:
            raise TypeError("t")
        except TypeError as t:
            raise a
except ValueError as got:
    show(got)
    show(got.__context__)
e = ValueError("fresh")
try:
    e.__cause__ = "bad"
except TypeError as t:
    print("TypeError:", t)
try:
    e.__context__ = 5
except TypeError as t:
    print("TypeError:", t)

