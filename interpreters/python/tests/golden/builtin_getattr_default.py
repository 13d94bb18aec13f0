def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class A:
    x = 1
    @property
    def p(self): return "prop"
a = A()
print(getattr(a, "x"), getattr(a, "p"), getattr(a, "q", None), getattr(A, "x"), getattr(A, "p").__class__.__name__)
print(getattr("s", "upper")(), getattr([], "append").__name__, getattr(5, "real"), getattr(1.5, "imag"), getattr(None, "x", "no"))
setattr(a, "dyn", [1])
print(a.dyn, hasattr(a, "dyn"), hasattr(A, "dyn"), vars(a))
delattr(a, "dyn")
print(hasattr(a, "dyn"), getattr(a, "dyn", "gone"))
t(lambda: getattr(a, "nope"))
t(lambda: getattr(a, None))
