class E(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise E(3, "boom")
except E as e:
    print(e, e.code, e.args, repr(e))
def f():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("fin", i)
    return i
print(f())
def g():
    try:
        raise ValueError("x")
    except ValueError:
        return "handled"
    finally:
        print("g-finally")
print(g())
print("a,b;c".replace(";", ",").split(","), "x".join("abc"), "  x ".lstrip(), "abc".rstrip("c"))
print(str.upper("abc"), list.append, len.__name__, int.__name__)
print([1, 2, 3][-1], [1, 2, 3][-2:], "hello"[-3:], (1, 2, 3)[::-1])
import sys
print(sys.argv[0].endswith("misc_semantics.py"), type(sys.maxsize))
print(isinstance([], object), issubclass(bool, int), bool.__mro__)
x = [1, 2, 3]
x[0], x[2] = x[2], x[0]
print(x)
print(1 if [] else 2, [] or "empty", 0 and 1)
print("%.3e" % 12345.678, "%g" % 0.0001, "%10.4f|" % 3.14159)
print(round(1.23456, 3), round(-1.5), round(1234, -2))
print(sorted([3, 1, 2], key=lambda v: -v), list(map(lambda a, b: a + b, [1, 2], [3, 4])))
print(f"{'x':*<5}", f"{12:#x}", f"{-3:05d}", f"{1e100}", f"{123.456:.0f}")
d = {}
d.update({"a": 1}, b=2)
print(d, dict(zip("ab", [1, 2])))
print(type(None).__name__, None.__class__)
print(max("apple", "pear", key=len), min(3, 2, 1), abs(-0.0))
s = "The Quick"
print(s.swapcase() if hasattr(s, "swapcase") else "", s.casefold() if hasattr(s, "casefold") else "")
print("a b  c".rsplit(None, 1), "a.b.c".rsplit(".", 1), "k=v=w".rpartition("="), "pre_x".removeprefix("pre_"), "abcabc".rindex("b"))
