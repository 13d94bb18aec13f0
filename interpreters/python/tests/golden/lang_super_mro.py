class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super(D, self).who()
print(D().who(), [k.__name__ for k in D.__mro__])
class E(D):
    @classmethod
    def make(cls):
        return super().who
    def who(self):
        return super().who()
print(E().who())
try:
    class X(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
class P:
    def __init__(self):
        self.log = ["P"]
class Q(P):
    def __init__(self):
        super().__init__()
        self.log.append("Q")
print(Q().log)
