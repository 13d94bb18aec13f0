z = 3 + 4j
print(z, type(z).__name__, z.real, z.imag)
print(abs(z), z.conjugate())
print(1j * 1j, (1j) ** 2, 2j / 1j)
print(z == 3 + 4j, z != 3, complex(5) == 5, 5.0 == complex(5, 0))
print(bool(0j), bool(1j), bool(0 + 0j))
print(-z, +z)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5))
d = {1: "one", 2j: "two-j"}
print(d[1 + 0j], d[2j])
