def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return inc, get
inc, get = counter()
inc(); inc(5)
print(get())
x = "global"
def shadow():
    x = "local"
    def inner():
        return x
    return inner()
print(shadow(), x)
class K:
    y = 1
    z = [y * i for i in range(3)] if False else None
    def m(self):
        return K.y
print(K().m())
def unbound():
    print(v)
    v = 1
try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
