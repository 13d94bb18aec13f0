z = 1 + 1j
try:
    int(z)
except TypeError as e:
    print("int:", type(e).__name__)
try:
    z > 1
except TypeError as e:
    print(e)
try:
    z.real = 3
except AttributeError as e:
    print("AttributeError")
print(z.real, z.imag, (1j).imag)
print((1+2j) - (1+2j) == 0)
print(1 / (2 + 0j))
print(z * 0)
z2 = complex(1, 2)
print(z2 ** 3, z2 ** 2.0)
print(1 + 2j == 1 + 2j, (1 + 2j) in [1 + 2j])
print(abs(-3j), abs(complex(3, -4)))
