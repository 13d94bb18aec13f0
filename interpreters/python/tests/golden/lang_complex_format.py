z = 1.5 - 2.25j
for spec in ["", ".2f", "10.1f", "<20.3e", "^24", "+.3g", ".2", "12", "*>16.1f", " .1f", "g", "e"]:
    print(repr(spec), repr(format(z, spec)), repr(format(3j, spec)), repr(format(-1 + 0j, spec)))
print(f"{1+2j:.1f}", f"{2j:>8}", f"{complex(1e20, 1e-20):g}")
for bad in ["%", "010", "=10"]:
    try:
        format(z, bad)
    except ValueError as e:
        print("ValueError:", e)
