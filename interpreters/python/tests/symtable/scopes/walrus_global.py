G = None
def f():
    global G
    [G := 5 for _ in range(1)]
    return G
print(f(), G)
def h():
    [y := i for i in range(3)]
    return y
print(h())
