def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class A: pass
class B(A): pass
class C: pass
t(lambda: isinstance(B(), A))
t(lambda: isinstance(A(), B))
t(lambda: isinstance(B(), (C, A)))
t(lambda: isinstance(B(), (C, (int, A))))
t(lambda: isinstance(1, ()))
t(lambda: isinstance(1, 5))
t(lambda: isinstance(1, (int, 5)))
t(lambda: isinstance(1, [int]))
t(lambda: isinstance(True, int))
t(lambda: isinstance(1, bool))
t(lambda: isinstance(None, type(None)))
t(lambda: isinstance(int, type))
t(lambda: isinstance(type, object))
t(lambda: isinstance(len, object))
t(lambda: issubclass(B, A))
t(lambda: issubclass(A, B))
t(lambda: issubclass(B, (C, A)))
t(lambda: issubclass(A, A))
t(lambda: issubclass(bool, (int,)))
t(lambda: issubclass(B(), A))
t(lambda: issubclass(B, 5))
t(lambda: issubclass(int, object))
t(lambda: issubclass(type, object))
t(lambda: issubclass(object, type))
t(lambda: isinstance())
t(lambda: issubclass(ValueError, Exception))
t(lambda: issubclass(KeyError, (LookupError, TypeError)))
class Meta(type):
    def __instancecheck__(cls, inst): return inst == "magic"
    def __subclasscheck__(cls, sub): return sub is int
class M(metaclass=Meta): pass
t(lambda: isinstance("magic", M))
t(lambda: isinstance("other", M))
t(lambda: issubclass(int, M))
t(lambda: issubclass(str, M))
