def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for a in [5.5, -5.5, 0.0, -0.0, 1e-300, 7.0]:
    for b in [2.0, -2.0, 0.3, 1e300]:
        print(a, b, a // b, a % b, divmod(a, b), a - (a // b) * b)
print(-0.0 // 1, 0.0 // -1, -1e-320 % 1.0, 1e-320 % -1.0)
