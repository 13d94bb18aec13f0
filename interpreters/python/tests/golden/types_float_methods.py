def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0.5, 3.0, -2.75, 1e300, 0.1, 1e-320]:
    print(v, v.is_integer(), v.as_integer_ratio(), v.hex(), v.conjugate(), v.real, v.imag)
t(lambda: float("inf").as_integer_ratio())
t(lambda: float("nan").as_integer_ratio())
t(lambda: float("inf").is_integer())
t(lambda: float.fromhex("0x1.8p1"))
t(lambda: float.fromhex("-0x1p-1074"))
t(lambda: float.fromhex("inf"))
t(lambda: float.fromhex("0x1.fffffffffffffp+1023"))
t(lambda: float.fromhex("zz"))
t(lambda: (2.5).__trunc__())
t(lambda: (2.5).__floor__())
t(lambda: (2.5).__ceil__())
t(lambda: (-2.5).__round__())
t(lambda: (2.675).__round__(2))
t(lambda: (1.5).__add__(1))
t(lambda: (1.5).__radd__(1))
t(lambda: (1.5).__add__("x"))
t(lambda: float.__name__)
t(lambda: (0.1).hex())
t(lambda: float(0.0).hex())
t(lambda: (-0.0).hex())
t(lambda: float("inf").hex())
