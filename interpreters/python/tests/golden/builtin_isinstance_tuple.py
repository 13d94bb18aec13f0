def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

checks = [(1, int), (1, (str, int)), (1.0, (int,)), ("s", (list, (tuple, str))), ([], list), ((), list), ({}, dict),
          (set(), (set, frozenset)), (frozenset(), set), (None, type(None)), (True, (bool, int)), (int, type), (len, type)]
for v, t_ in checks:
    print(repr(v), isinstance(v, t_))
print(issubclass(bool, int), issubclass(int, bool), issubclass(dict, object), issubclass(list, (tuple, list)))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(StopIteration, Exception), issubclass(KeyboardInterrupt, Exception))
