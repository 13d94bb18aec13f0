def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a, b, c = {1, 2, 3, 4}, {3, 4, 5}, {4, 5, 6}
print(a | b | c, a & b & c, a - b - c, a ^ b ^ c, (a | b) - (b & c), a & (b | c))
x = set(a)
x |= b; print(x)
x &= c; print(x)
x -= {5}; print(x)
x ^= {4, 7}; print(x)
print(len(a | b), 4 in a & b, sorted(a ^ c), {1} <= a < a | {9}, a > {1, 2} >= {1})
t(lambda: a + b)
t(lambda: a * 2)
