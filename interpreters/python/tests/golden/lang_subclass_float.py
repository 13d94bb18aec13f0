# float subclasses.
class F(float):
    def half(self):
        return self / 2

f = F(2.5)
print(type(f).__name__, f, repr(f), F(), F("1e3"), F(3), isinstance(f, float))
print(f + 1, type(f + 1).__name__, 1 + f, f * 2, f / 2, f // 1, f % 1, -f, abs(F(-1.5)))
print(f == 2.5, f < 3, hash(f) == hash(2.5), {f: 1}[2.5], f.half(), f.is_integer(), F(4.0).is_integer())
print(float(f), type(float(f)).__name__, int(f), round(f), round(F(2.567), 2), str(f))
print(f"{f}", f"{f:.3f}", f"{f:>8}|", "%.1f %s" % (f, f), format(f, "e"))
print(bool(F(0.0)), bool(f), sorted([F(2.0), 1.0, F(0.5)]), max(F(1), F(2)))
f.label = "x"
print(f.label, f.__dict__)
import json
print(json.dumps([F(1.5), F(2)]))

class Celsius(float):
    def __repr__(self):
        return f"{float(self)}C"
    def __sub__(self, other):
        return Celsius(float(self) - float(other))

c = Celsius(21.5)
print(repr(c), str(c), c - 1.5, type(c - 1.5).__name__, c + 1, type(c + 1).__name__, [c])
