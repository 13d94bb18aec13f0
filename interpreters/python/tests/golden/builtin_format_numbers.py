def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0, 1, -1, 12345.678, -0.001, 1e20, 2**40, 0.5]:
    print(format(v, ""), format(v, ">12"), format(v, "<12") + "|", format(v, "^12"), format(v, "+"), format(v, ","), format(v, "012"))
