class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        ns["created_by"] = "Meta"
        cls = super().__new__(mcs, name, bases, ns)
        cls.extra = kw
        return cls
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
    def describe(cls):
        return f"class {cls.__name__}"
class A(metaclass=Meta, flag=1):
    def __init__(self, v):
        self.v = v
a = A(3)
print(a.v, A.created_by, A.extra, A.describe(), type(A).__name__)
class B(A):
    pass
print(type(B).__name__, B.created_by)
T = type("T", (object,), {"x": 1, "m": lambda self: self.x + 1})
print(T().m(), T.__name__, T.__bases__)
print(type(type), isinstance(A, type), type(3).__name__)
