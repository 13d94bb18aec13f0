def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(None, repr(None), type(None), type(None)(), None is None, None == 0, bool(None))
print(..., Ellipsis, type(...), ... is Ellipsis, NotImplemented, type(NotImplemented))
t(lambda: None + 1)
t(lambda: None < 1)
nn = None
t(lambda: nn())
t(lambda: nn[0])
t(lambda: None.x)
t(lambda: len(None))
t(lambda: iter(None))
t(lambda: hash(None) == hash(None))
t(lambda: type(None)(1))
t(lambda: {None: 1}[None])
t(lambda: [None] * 2)
