import math
vals = [0.5, 1.0, 2.0, 10.0, -0.25]
for name in ["sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc", "gamma", "lgamma", "cbrt", "exp2", "degrees", "radians", "fabs", "floor", "ceil", "trunc"]:
    f = getattr(math, name)
    out = []
    for v in vals:
        try:
            r = f(v)
            # gamma/lgamma/cbrt: CPython and the C library may
            # differ in the last digit.
            out.append(f"{r:.12g}" if name in ("gamma", "lgamma", "cbrt") else repr(r))
        except (ValueError, OverflowError) as e:
            out.append(f"{type(e).__name__}({e})")
    print(name, " ".join(out))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.atan2(1, -1), math.hypot(3, 4), math.hypot(1, 2, 2), math.pow(2, 0.5), math.copysign(3, -0.0), math.fmod(7, -3), math.remainder(7, 2), math.remainder(5, 2))
print(math.frexp(8.0), math.frexp(0.3), math.frexp(-1e-310), math.ldexp(0.5, 4), math.modf(3.75), math.modf(-2.5))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([]))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(0, 1e-12, abs_tol=1e-9))
print(math.dist((0, 0), (3, 4)), math.isqrt(99), math.isqrt(10**40), math.gcd(12, 18, 27), math.lcm(4, 6, 10), math.lcm())
print(math.comb(10, 3), math.comb(50, 25), math.perm(5, 2), math.perm(4), math.factorial(20), math.prod([1, 2, 3, 4]), math.prod([0.5, 4], start=3))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308), math.ulp(1.0), math.nextafter(1.0, 2.0))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), type(math.floor(2.0)).__name__, math.floor(10**20))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.isqrt(-1), lambda: math.comb(-1, 2), lambda: math.factorial(-1), lambda: math.fmod(1, 0), lambda: math.gamma(0), lambda: math.ldexp(1.0, 5000)]:
    try:
        print(bad())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
