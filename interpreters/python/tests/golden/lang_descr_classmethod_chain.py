class Meta(type):
    def __getattr__(cls, name):
        return f"meta-fallback:{name}"

class A(metaclass=Meta):
    @classmethod
    def make(cls, *args):
        return (cls.__name__, args)
    @staticmethod
    def helper(x):
        return x * 2
    @property
    def prop(self):
        return "prop of " + type(self).__name__

class B(A):
    pass

print(A.make(1, 2), B.make())
print(B().make(3))
print(A.helper(4), B().helper(5))
print(B().prop)
print(A.missing, B.other)
print(type(A.__dict__["make"]).__name__, type(A.__dict__["helper"]).__name__)
sm = A.__dict__["helper"]
print(sm.__func__(10))
cm = A.__dict__["make"]
print(cm.__func__(B, 1))
print(isinstance(A.__dict__["prop"], property), A.prop.fget is A.__dict__["prop"].fget)
try:
    B().prop = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del B().prop
except AttributeError as e:
    print("AttributeError:", e)
