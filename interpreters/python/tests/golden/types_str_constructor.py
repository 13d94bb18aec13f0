def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: str())
t(lambda: str(42))
t(lambda: str(-0.0))
t(lambda: str([1, "a", None]))
t(lambda: str((1,)))
t(lambda: str({"a": [1.5]}))
t(lambda: str(None))
t(lambda: str(str))
t(lambda: str(len))
t(lambda: str("x", "utf-8"))
t(lambda: str(object="kw"))
class A:
    def __str__(self):
        return "A-str"
    def __repr__(self):
        return "A-repr"
class B:
    def __repr__(self):
        return "B-repr"
class C:
    def __str__(self):
        return 5
t(lambda: str(A()))
t(lambda: repr(A()))
t(lambda: str(B()))
t(lambda: str([A(), B()]))
t(lambda: f"{A()} {A()!r} {B()!s}")
t(lambda: str(C()))
t(lambda: "%s %r" % (A(), A()))
class S(str):
    pass
s = S("abc")
t(lambda: type(s).__name__)
t(lambda: s.upper())
t(lambda: type(s.upper()).__name__)
t(lambda: s == "abc")
t(lambda: s + "d")
t(lambda: isinstance(s, str))
