def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

vals = [0.0, -0.0, 1.0, 0.1, 1.5, -2.5, 3.14159265358979, 1234567.891, 1e-7, 1e16, 1.5e300, 5e-324,
        float("inf"), float("-inf"), float("nan"), 0.5, 2.5, 100.0, 12345678901234567890.0]
for v in vals:
    print(f"{v}|{v:f}|{v:.0f}|{v:.3f}|{v:e}|{v:.2e}|{v:E}|{v:g}|{v:.3g}|{v:G}|{v:%}|{v:.1%}")
    print(f"{v:10}|{v:<10.2f}|{v:^10.2f}|{v:+.2f}|{v: .2f}|{v:010.2f}|{v:,.2f}|{v:_.3f}|{v:#.0f}|{v:#g}|{v:.0e}|{v:#.0e}|{v:n}|{v:.12g}|{v:.17g}|{v:r}" if False else f"{v:10}|{v:<10.2f}|{v:^10.2f}|{v:+.2f}|{v: .2f}|{v:010.2f}|{v:,.2f}|{v:_.3f}|{v:#.0f}|{v:#g}|{v:.0e}|{v:#.0e}|{v:n}|{v:.12g}|{v:.17g}|{v:.1}|{v:.5}|{v:z.1f}")
t(lambda: format(1.5, "d"))
t(lambda: format(1.5, "x"))
t(lambda: format(1.5, "c"))
t(lambda: format(1.5, "#"))
t(lambda: format(1.5, ""))
t(lambda: format(1e16, ""))
t(lambda: format(1.0, "="))
t(lambda: format(-1.0, "=8"))
t(lambda: format(-1.0, "08"))
t(lambda: format(1234.5, ",g"))
t(lambda: format(1234.5, ",e"))
t(lambda: format(0.000012345, ".3"))
t(lambda: format(123456789.0, ".3"))
t(lambda: format(2.675, ".2f"))
t(lambda: format(1.0, ".100f")[:30])
t(lambda: format(-0.0001, "z.2f"))
t(lambda: format(float("nan"), "08.2f"))
t(lambda: format(float("inf"), "=+10"))
t(lambda: format(1e300, ".320f")[:20])
