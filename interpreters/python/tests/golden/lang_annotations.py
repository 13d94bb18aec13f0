def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(f.__annotations__)
def g(x, y):
    pass
print(g.__annotations__)
class K:
    x: int
    y: str = "s"
    def m(self) -> None: ...
print(K.__annotations__, K.y, hasattr(K, "x"))
print(K.m.__annotations__)
z: float = 1.5
print(__annotations__)
lam = lambda q: q
print(lam.__annotations__)
