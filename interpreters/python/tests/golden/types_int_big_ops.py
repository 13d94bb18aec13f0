def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = 2**200 + 12345
b = 3**100
print(a + b, a - b, a * b)
print(a // b, a % b, divmod(-a, b))
print(a ** 2 // a == a, (a * b) // b == a, -a // 7, -a % 7)
print(a & b, a | b, a ^ b, ~a, -a >> 10, a << 5)
print(abs(-a) == a, max(a, b) == a, min(-a, -b) == -a, a > b, -a < -b)
print(str(a)[:20], len(str(b)), hex(b)[:12], a.bit_length(), b.bit_length())
t(lambda: a / 0)
t(lambda: a % 0)
t(lambda: float(2**2000))
t(lambda: 2**2000 / 3)
t(lambda: (2**64) ** 0.5)
