x = 0
def outer(a, *args, **kw):
    b = 1
    def middle():
        c = a
        class Inner:
            b = 2
            def meth(self):
                return b, c, super()
            d = [b for _ in range(3)]
        def inner():
            nonlocal c
            c = (w := b)
            return w
        return Inner, inner
    lam = lambda q=b: q + x + kw
    gen = (v for v in args if (found := v))
    return middle, lam, found
def uses_global():
    global x
    x = 1
    del x
class K:
    y = 1
    z = [y for _ in range(2)]
    def __private(self):
        return self.__private
