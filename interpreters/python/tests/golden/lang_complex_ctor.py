print(complex(), complex(1), complex(1.5, 2), complex(1, 2j), complex(1j, 1j))
print(complex("1+2j"), complex(" 3-4j "), complex("5j"), complex("-j"), complex("2.5"), complex("(1+1j)"))
print(complex(real=2, imag=3), complex(imag=1))
class C:
    def __complex__(self):
        return 7 + 8j
class F:
    def __float__(self):
        return 2.5
print(complex(C()), complex(F()))
for bad in ["1+", "abc", "1+2k", ""]:
    try:
        complex(bad)
    except ValueError as e:
        print("ValueError:", e)
for args in [("1", 2), (1, "2"), ([],)]:
    try:
        complex(*args)
    except TypeError as e:
        print("TypeError:", e)
