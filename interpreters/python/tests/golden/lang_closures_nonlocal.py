def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c = counter()
print(c(), c(), c(5))
print(c.__closure__[0].cell_contents)
def make():
    fs = []
    for i in range(3):
        fs.append(lambda i=i: i * 10)
    late = [lambda: i for i in range(3)]
    return [f() for f in fs], [f() for f in late]
print(make())
g_value = "global"
def outer():
    g_value = "enclosing"
    def inner():
        global g_value
        g_value = "changed"
        return g_value
    return inner(), g_value
print(outer(), g_value)
def deep():
    x = 1
    def a():
        def b():
            nonlocal x
            x += 1
            return x
        return b()
    return a(), x
print(deep())
