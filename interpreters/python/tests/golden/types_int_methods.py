def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for n in [0, 1, -1, 255, 256, -256, 2**64, -(2**64) + 1]:
    print(n, n.bit_length(), n.bit_count(), abs(n).bit_length())
print((5).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print((10).as_integer_ratio(), (-3).as_integer_ratio())
print((7).__index__(), int.__add__(3, 4), (3).__mul__(5), (3).__radd__(1))
print((3).__add__(1.0), (3).__eq__("x"), int.__neg__(9))
print(int.__name__, int.__qualname__, type(7).__name__)
print(is_int := isinstance(7, int), is_int)
print((17).__floordiv__(5), (17).__mod__(5), (17).__pow__(2), (2).__rpow__(3))
print((12).__hash__(), hash(-1), hash(-2), hash(2**61 - 1), hash(2**61), hash(-(2**61)))
