def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = list(range(10))
del l[0]
print(l)
del l[-1]
print(l)
del l[1:3]
print(l)
del l[::2]
print(l)
del l[:]
print(l)
m = [1, 2, 3]
t(lambda: m.__delitem__(5))
def d1():
    del m[10]
t(d1)
def d2():
    del m["a"]
t(d2)
def d3():
    del m[::0]
t(d3)
print(m)
