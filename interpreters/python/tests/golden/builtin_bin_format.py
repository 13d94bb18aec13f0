def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for n in [0, 1, 5, 255, 1024, -1, -255, 2**40]:
    print(bin(n), format(n, "b"), format(n, "#b"), format(n, "010b"), format(n, "#010b"), format(n, "_b"), f"{n:#_b}")
    print(hex(n), format(n, "x"), format(n, "X"), format(n, "#X"), format(n, "08x"), oct(n), format(n, "o"), format(n, "#o"))
