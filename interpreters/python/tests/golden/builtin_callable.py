class A:
    def m(self): pass
    @staticmethod
    def s(): pass
    @classmethod
    def c(cls): pass
class CallMe:
    def __call__(self): return "called"
def f(): pass
print(callable(f), callable(lambda: 0), callable(A), callable(A()), callable(A().m), callable(A.s), callable(A.c))
print(callable(CallMe()), CallMe()(), callable(len), callable(int), callable("x"), callable(None), callable([].append))
print(callable(type), callable(object()), callable(print), callable(str.upper), callable((i for i in [])))
try:
    callable()
except TypeError as e:
    print("TypeError", e)
try:
    five = 5
    five()
except TypeError as e:
    print("TypeError", e)
try:
    ess = "s"
    ess()
except TypeError as e:
    print("TypeError", e)
try:
    A()()
except TypeError as e:
    print("TypeError", e)
