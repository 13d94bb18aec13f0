class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None, val)
        return self.suppress

with CM("a", suppress=True):
    raise ValueError("swallowed")
print("after a")

with CM("outer") as o, CM("inner", suppress=True) as i:
    print(o.name, i.name)
    1 / 0
print("after nested")

try:
    with CM("b"):
        raise KeyError("kept")
except KeyError as e:
    print("caught", repr(e))

def f():
    for n in range(3):
        with CM(f"loop{n}", suppress=True):
            if n == 1:
                continue
            if n == 2:
                return "returned"
            raise RuntimeError(n)
print(f())

class Truthy:
    def __exit__(self, *a): return "yes"
    def __enter__(self): return None
with Truthy():
    raise TypeError
print("truthy suppress")

class RaisesInExit:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise RuntimeError("from exit")
try:
    with RaisesInExit():
        raise ValueError("original")
except RuntimeError as e:
    print(repr(e), repr(e.__context__))

class NoExit:
    def __enter__(self): return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)

import contextlib
@contextlib.contextmanager
def managed():
    print("setup")
    try:
        yield "res"
    except ZeroDivisionError:
        print("handled in generator")
    finally:
        print("teardown")
with managed() as r:
    print(r)
    1 / 0
print("done")
with contextlib.suppress(KeyError, IndexError):
    [][1]
print("suppressed")
