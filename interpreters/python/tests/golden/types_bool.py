def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(True + True, True * 3, True / 2, -True, ~False, True ** 10, True // True)
print(bool(), bool(0), bool(0.0), bool(""), bool(" "), bool([]), bool({}), bool(None), bool(()), bool(range(0)))
print(repr(True), str(False), int(True), float(False), f"{True}", f"{True:d}", f"{True:>6}", format(False))
print(isinstance(True, int), issubclass(bool, int), type(True) is bool, bool.__name__, bool.__mro__)
print(True == 1, False == 0, True is True, hash(True), hash(False))
print(True & 1, True and 5, False or "x", not 0, not [], not "a")
class B:
    def __bool__(self):
        return False
class L:
    def __len__(self):
        return 0
class Bad:
    def __bool__(self):
        return 1
print(bool(B()), bool(L()), bool(object()))
t(lambda: bool(Bad()))
t(lambda: bool(1, 2))
t(lambda: type(True)(5))
class N:
    def __len__(self):
        return -1
t(lambda: bool(N()))
t(lambda: True.__and__(False))
t(lambda: True.real)
print("%d %s %r" % (True, True, False), [True] * 2, True.__class__)
