"""doc"""
import os.path as p
from . import x
x = 2 + 2
y = "a" * 10**9
if 0:
    z = 1
while 1:
    break
def f(a, b=1, *args, c, d=2, **kw) -> int:
    """fdoc"""
    def g():
        nonlocal a
        a += 1
        return a
    return g() + sum(i for i in args if i)
class C(Base, metaclass=M):
    x: int = 3
    def m(self):
        return super().m(self.__p)
try:
    f(1)
except ValueError as e:
    print(e)
finally:
    print("done")
with open("f") as fh, lock:
    pass
print(f"{x!r:>{y}} and {y}")
a, *b, c = [1, *b, 2]
[x for x in range(3) for y in x if y]
d = {k: v for k, v in {}.items()}
print(x < y < z)
assert x, "m"
