def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, [2, 3]]
b = a
c = a[:]
d = list(a)
e = a.copy()
a.append(4)
a[1].append(99)
print(a, b, c, d, e, a is b, c is a, c[1] is a[1])
m = [[0] * 2 for _ in range(2)]
n = [[0] * 2] * 2
m[0][0] = 1
n[0][0] = 1
print(m, n)
x = [1, 2, 3]
y = x
x += [4]
print(y)
x = x + [5]
print(x, y)
