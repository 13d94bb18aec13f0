def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

x, y, name = 3.14159, 42, "repy"
print(f"{x:.2f} {x:8.3f} {x:<8.1f}| {x:e} {y:05d} {y:x} {y:#b} {name!r} {name:>8} {name:^9}|")
print(f"{y:,} {10**7:_} {-y:+} {y: } {x:%} {x:.0%} {y!s:>4} {y!r:<4}|")
width, prec = 10, 3
print(f"{x:{width}.{prec}f}|{name:{'*'}^{width}}|{y:{width}}|")
print(f"{'nested {braces}'} {{literal}} {y + 1} {[1, 2][0]} {dict(a=1)['a']} {x if y else 0}")
print(f"{y=} {x = :.1f} {name=!r}")
