for z in [1j, -1j, 0j, 1 + 0j, -0.0 + 1j, 1.5 - 2.25j, 1e20j, 1e-5 + 1e16j,
          complex(float("inf"), float("nan")), complex(-0.0, -0.0), 3 + 0.1j]:
    print(repr(z), str(z))
print([1j, 2 + 3j], (4j,), {"k": -2j})
print(f"{1+2j}", "%s" % (3j,))
