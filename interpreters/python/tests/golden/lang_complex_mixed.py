vals = [1, 2.5, 3j, True, 1 + 1j]
print(sum(vals), [v * 2 for v in vals])
print(sorted([3, 1, 2], key=lambda v: abs(v * 1j)))
print({1j: "a", 1j: "b"}, 1j in {1j}, (1 + 0j) in {1})
print(max([1 + 1j, 3 + 4j], key=abs), [abs(z) for z in (3 + 4j, -5j)])
z = complex(2, 3)
print(z.real + z.imag, z * z.conjugate(), (z * z.conjugate()).real)
print(pow(2j, 2), pow(1 + 1j, 3), 2 ** (1j * 0))
print(round(abs(1 + 1j), 6), str(1e-7j), repr(-1e300j * 10))
