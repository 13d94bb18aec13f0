class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Bo:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
class Neither:
    pass
print(bool(L(0)), bool(L(2)), bool(Bo()), bool(Neither()))
print("yes" if L(1) else "no", not L(0))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print("ValueError:", e)
print([x for x in [0, 1, "", "a", [], [0], None, 0.0, 2j] if x])
print(L(3) and "and", L(0) or "or")
