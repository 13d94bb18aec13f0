def f(a, b=2, *, c=3, d=4):
    "docstring"
    return a + b + c + d
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__code__.co_argcount, f.__code__.co_kwonlyargcount, f.__code__.co_varnames, f.__code__.co_name)
f.__defaults__ = (10,)
print(f(1))
f.custom = "attr"
print(f.custom, f.__dict__)
def g():
    pass
print(g.__defaults__, g.__kwdefaults__, g.__doc__, g.__module__)
class C:
    def meth(self):
        def inner():
            pass
        return inner
print(C.meth.__qualname__, C().meth().__qualname__)
f.__name__ = "renamed"
print(f.__name__, (lambda: 0).__name__)
