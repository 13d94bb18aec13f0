class Outer:
    class Inner:
        def m(self):
            pass
    def method(self):
        class Local:
            pass
        return Local
def func():
    def nested():
        pass
    return nested
print(Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.m.__qualname__)
print(Outer().method().__qualname__, func().__qualname__, func.__qualname__)
print(Outer.__name__, Outer.Inner.__name__, Outer.__module__)
print((lambda: 0).__qualname__, [lambda: 0][0].__qualname__)
