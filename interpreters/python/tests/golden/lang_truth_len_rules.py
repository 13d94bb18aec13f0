class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class Both:
    def __bool__(self): return False
    def __len__(self): return 5
print(bool(B(True)), bool(L(0)), bool(L(3)), bool(Both()), bool(object()))
print("yes" if L(2) else "no", not L(0), L(0) or "fallback", L(4) and "second")
for bad in (B(1), B("x"), B(None)):
    try:
        bool(bad)
    except TypeError as e:
        print("TypeError:", e)
for bad in (L(-1), L("3")):
    try:
        bool(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    if B(0.0):
        pass
except TypeError as e:
    print("TypeError in if:", e)
try:
    while L(-2):
        break
except ValueError as e:
    print("ValueError in while:", e)
print([x for x in (L(0), L(1), B(False), B(True), 0, "", "a", [], [0], {}, 0.0, 0j, None) if x].__len__())
print(any([L(0), B(False)]), all([L(1), B(True), 1]))
print(True + True, True * 3, -True, ~False, True / 2, True // 1, True == 1)
