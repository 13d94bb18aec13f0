def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = list(range(10))
print(l[2:5], l[-3:], l[:-7], l[::2], l[::-3], l[8:2:-2], l[100:], l[-100:2], l[5:2])
m = list(range(10)); m[2:5] = ["a"]; print(m)
m = list(range(10)); m[2:5] = []; print(m)
m = list(range(5)); m[1:1] = "xyz"; print(m)
m = list(range(10)); m[::2] = "abcde"; print(m)
m = list(range(10)); m[::-3] = [0, 0, 0, 0]; print(m)
m = list(range(10)); del m[::3]; print(m)
m = list(range(10)); del m[2:-2]; print(m)
m = list(range(5)); m[:] = m; print(m)
m = list(range(5)); m[-1] = "end"; del m[0]; print(m)
def bad1():
    m = list(range(10)); m[::2] = [1, 2]
t(bad1)
def bad2():
    m = [1]; m[5] = 0
t(bad2)
def bad3():
    m = [1]; del m[5]
t(bad3)
def bad4():
    m = [1]; m[1:2] = 5
t(bad4)
t(lambda: l[1.5])
t(lambda: l["a"])
t(lambda: l[::0])
t(lambda: l[10])
t(lambda: l[-11])
t(lambda: l[1:2:None])
t(lambda: l[True])
class Idx:
    def __index__(self): return 3
t(lambda: l[Idx()])
t(lambda: l[Idx():])
t(lambda: l[2**100:])
t(lambda: l[-2**100:2])
