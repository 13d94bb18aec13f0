class A:
    def __init__(self, x):
        self.x = x
    def fn(self, y):
        return ("A.fn", self.x, y)
class B(A):
    def __init__(self, x):
        super().__init__(x)
    def fn(self, y):
        return super().fn(y)
b = B(3)
print(b.x, b.fn(4))
