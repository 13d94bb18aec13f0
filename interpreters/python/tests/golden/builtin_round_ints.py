def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0, 4, 5, 6, 14, 15, 16, 25, 35, 45, 55, 150, 250, 1234567, -15, -25, -150, 10**20 + 5 * 10**18]:
    print(v, round(v, -1), round(v, -2), round(v, -3), round(v, 0), round(v, 3), type(round(v, -1)).__name__)
