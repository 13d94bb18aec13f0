def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for a in [7, -7, 0, 13, -13]:
    for b in [2, -2, 5, -5, 1]:
        print(a, b, divmod(a, b), a // b, a % b, divmod(float(a), b))
print(divmod(2**65 + 1, -(2**33)), divmod(-(10**20), 7), divmod(10**20, -7.0))
