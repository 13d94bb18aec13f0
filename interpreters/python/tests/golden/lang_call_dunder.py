class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, times=1):
        return (x + self.n) * times
a = Adder(3)
print(a(1), a(1, times=2), callable(a), callable(Adder), callable(3))
class M:
    def method(self):
        return self
m = M()
bound = m.method
print(bound() is m, bound.__self__ is m, bound.__func__ is M.method)
print(M.method(m) is m)
try:
    five = 5
    five()
except TypeError as e:
    print("TypeError:", e)
try:
    a()
except TypeError as e:
    print("TypeError:", e)
