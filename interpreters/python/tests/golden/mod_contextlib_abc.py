from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, redirect_stdout
from abc import ABC, ABCMeta, abstractmethod
import io
@contextmanager
def tag(name):
    print("enter", name)
    try:
        yield name.upper()
    finally:
        print("exit", name)
with tag("a") as t:
    print("inside", t)
try:
    with tag("b"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError:
        print("swallowed")
with swallow():
    raise KeyError("k")
with suppress(ZeroDivisionError):
    1 / 0
print("after suppress")
class Res:
    def close(self): print("closed")
with closing(Res()) as r:
    print(type(r).__name__)
with nullcontext(5) as n:
    print(n)
with ExitStack() as stack:
    stack.callback(print, "callback 1")
    stack.enter_context(tag("c"))
    stack.callback(print, "callback 2")
buf = io.StringIO()
with redirect_stdout(buf) as target:
    pass
print(target is buf)
@tag("deco")
def decorated():
    print("body")
decorated()
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    def describe(self): return f"area {self.area()}"
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
print(Sq(3).describe(), isinstance(Sq(1), Shape))
try:
    Shape()
except TypeError as e:
    print("TypeError", e)
class Half(Shape):
    pass
try:
    Half()
except TypeError as e:
    print("TypeError", e)
class Two(ABC):
    @abstractmethod
    def a(self): ...
    @abstractmethod
    def b(self): ...
try:
    Two()
except TypeError as e:
    print("TypeError", e)
class Duck(metaclass=ABCMeta):
    pass
Duck.register(int)
print(isinstance(3, Duck), issubclass(int, Duck), isinstance("s", Duck))
from collections.abc import Iterable, Mapping, Sequence, Hashable, Sized, Callable
print(isinstance([], Iterable), isinstance(3, Iterable), isinstance({}, Mapping), isinstance((), Sequence))
print(isinstance([], Hashable), isinstance("", Sized), isinstance(len, Callable), issubclass(dict, Mapping))
