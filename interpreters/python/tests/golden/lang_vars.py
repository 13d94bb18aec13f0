class A:
    x = 1
a = A()
a.y = 2
print(vars(a), "x" in vars(A), vars(A)["x"])
import sys
def f():
    local = 5
    return sorted(vars())
print(f())
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
print(type(vars()).__name__)
def g(n):
    v = vars()
    v["extra"] = 1
    return sorted(v)
print(g(1))
