def f(): pass
def g(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a
def h(a, /, b, *, c): ...
def i(a=1, /, b=2, *, c, d=4): pass
def j(*args: int, **kw: str): pass
def k(a: "ann" = None, *, b: list[int] = []): pass
async def l(x):
    await x
    async for i in x:
        pass
    async with x as y, z:
        pass
    return [i async for i in x]
@decorator
@decorator.attr(arg)
@(lambda f: f)
def m(): yield
def n():
    x = yield 1
    y = yield from z
    yield a, b
    return
lam = lambda: 0
lam2 = lambda a, b=1, *c, d, e=2, **f: a
lam3 = lambda a, /, b: (a, b)
lam4 = lambda *, k: k
