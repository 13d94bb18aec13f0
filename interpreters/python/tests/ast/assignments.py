x = 1
x = y = z = 2
x, y = y, x
[a, *b] = c
a, *b, c = d
(a) = 1
a.b = c[d] = e[f:g] = 1
x += 1; x -= 1; x *= 1; x @= 1; x /= 1; x %= 1; x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1; x **= 1; x //= 1
a.b += 1; a[0] -= 1
x: int
x: int = 1
(y): int = 2
a.b: str
a[0]: list = []
z: tuple = 1, 2
del x
del x, y[0], z.a, (a, b), [c]
def f():
    global g1, g2
    nonlocal n
if (n := 10) > 5: pass
print(y := f(x))
[y := 1, z := 2]
x = *a, *b
x = yield
