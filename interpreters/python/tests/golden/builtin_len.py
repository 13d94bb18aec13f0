def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: len([1, 2]))
t(lambda: len("héllo"))
t(lambda: len({1: 2}))
t(lambda: len(range(0, 100, 7)))
t(lambda: len(set()))
t(lambda: len(frozenset("aab")))
t(lambda: len((1,)))
t(lambda: len({}.keys()))
t(lambda: len(5))
t(lambda: len(None))
t(lambda: len(iter([])))
t(lambda: len())
t(lambda: len([], []))
class L:
    def __len__(self): return 7
class Neg:
    def __len__(self): return -1
class Flt:
    def __len__(self): return 1.5
class Big:
    def __len__(self): return 2**70
class Idx:
    def __index__(self): return 3
class LI:
    def __len__(self): return Idx()
t(lambda: len(L()))
t(lambda: len(Neg()))
t(lambda: len(Flt()))
t(lambda: len(Big()))
t(lambda: len(LI()))
t(lambda: len(L))
