def trace(f):
    def wrapper(*a, **k):
        print("calling", f.__name__, a)
        return f(*a, **k)
    wrapper.__name__ = f.__name__
    return wrapper
def repeat(n):
    def deco(f):
        def w(*a):
            return [f(*a) for _ in range(n)]
        return w
    return deco
@trace
@repeat(2)
def square(x):
    return x * x
print(square(3), square.__name__)
class Reg:
    items = []
    @staticmethod
    def add(x):
        Reg.items.append(x)
        return x
@Reg.add
class Thing:
    pass
print(Reg.items[0].__name__)
def cls_deco(cls):
    cls.decorated = True
    return cls
@cls_deco
class D:
    pass
print(D.decorated)
