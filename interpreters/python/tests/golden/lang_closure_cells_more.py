def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
inc(); inc(5)
print(get(), inc.__code__.co_varnames, counter.__code__.co_name)
print([c.cell_contents for c in inc.__closure__])

# late binding in loops, and the default-argument fix
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    x = "rebound"
    return middle()()
print(outer())

def unbound():
    def read():
        return y
    try:
        read()
    except NameError as e:
        print("NameError:", e)
    y = 1
    return read()
print(unbound())

def shadow():
    v = 1
    def f():
        v = 2
        def g():
            nonlocal v
            v += 10
            return v
        return g(), v
    return f(), v
print(shadow())

g_var = "global"
def uses_global():
    global g_var
    g_var = "changed"
    def nested():
        return g_var
    return nested()
print(uses_global(), g_var)

def class_scope():
    x = "func"
    class C:
        x = "class"
        y = x
        def m(self):
            return x
        z = [x for _ in range(1)]
    return C.y, C().m(), C.z
print(class_scope())

def make_adders():
    return {n: (lambda v, n=n: v + n) for n in range(3)}
print({k: f(10) for k, f in make_adders().items()})

def deleted():
    z = 1
    def f():
        return z
    del z
    try:
        f()
    except NameError as e:
        print("NameError:", e)
deleted()
cell_fn = counter()[0]
print(type(cell_fn.__closure__[0]).__name__)
