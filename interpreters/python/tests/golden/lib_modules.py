import io
import array
import math
import time
s = io.StringIO()
print("hello", 42, file=s)
s.write("more\n")
print(repr(s.getvalue()))
a = array.array("B", [1, 2, 3])
a[0] = 255
a.append(7)
print(a, len(a), a.tolist(), a[1:])
try:
    a[1] = 256
except OverflowError as e:
    print("OverflowError")
print(math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.pi, math.gcd(12, 18), math.factorial(20))
print(math.isclose(1, 1) if hasattr(math, "isclose") else True, math.hypot(3, 4), math.log(8, 2), math.atan2(1, 1))
t0 = time.perf_counter()
print(time.perf_counter() >= t0, type(time.time()).__name__)
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
try:
    import no_such_module
except ImportError as e:
    print(type(e).__name__, e)
