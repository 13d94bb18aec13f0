# Dunders defined on subclasses of builtin value types win over the
# builtin operation; super() and the base type's methods reach it.
class Loud(int):
    def __add__(self, other):
        return ("add", super().__add__(other))
    def __radd__(self, other):
        return ("radd", int.__radd__(self, other))
    def __sub__(self, other):
        return NotImplemented
    def __eq__(self, other):
        return ("eq", int(self) == other)
    __hash__ = int.__hash__
    def __lt__(self, other):
        return "lt"
    def __neg__(self):
        return "neg"
    def __bool__(self):
        return False
    def __format__(self, spec):
        return "fmt[" + spec + "]"
    def __iadd__(self, other):
        return "iadd"

x = Loud(3)
print(x + 1, 1 + x, x == 3, x < 1, -x, bool(x), not x, f"{x:>4}", format(x, "d"))
try:
    x - 1
except TypeError as e:
    print("TypeError", e)
print(5 - Loud(2), hash(x) == hash(3), {x: "k"}[3])
y = x
y += 1
print(y)

class Sub(Loud):
    def __radd__(self, other):
        return "sub-radd"
print(Loud(1) + Sub(2), Sub(2) + Loud(1), 1 + Sub(1))

class Text(str):
    def __len__(self):
        return 42
    def __getitem__(self, i):
        return "item" + str(i)
    def __contains__(self, x):
        return x == "magic"
    def __iter__(self):
        return iter(["i", "t"])
    def __mul__(self, n):
        return "mul" + str(n)
    def __hash__(self):
        return 7
    def __eq__(self, other):
        return str.__eq__(self, other) or other == "alias"

t = Text("abc")
print(len(t), t[0], t[5:], "magic" in t, "a" in t, list(t), t * 2, hash(t), bool(Text("")))
print(t == "abc", t == "alias", t != "abc", str.__len__(t), str.__getitem__(t, 1), str.__contains__(t, "b"))
print({t: 1}[t], t.upper(), str.upper(t), t + "!", sorted(Text("cab")))

class NoHash(str):
    def __eq__(self, other):
        return True
try:
    hash(NoHash("a"))
except TypeError as e:
    print("TypeError", e)

class Seq(tuple):
    def __eq__(self, other):
        return "seq-eq"
    def __lt__(self, other):
        return NotImplemented
print(Seq((1,)) == (1,), (1,) == Seq((1,)), Seq((1,)) < (2,))

class Num(float):
    def __truediv__(self, other):
        return "div"
    def __rtruediv__(self, other):
        return "rdiv"
    def __pow__(self, other):
        return super().__pow__(other) + 0.5
print(Num(1) / 2, 2 / Num(1), Num(2) ** 2, Num(2) * 2, type(Num(2) * 2).__name__)

class Wrapper(bytes):
    def __getitem__(self, i):
        return "w" + str(bytes.__getitem__(self, i))
print(Wrapper(b"ab")[0], Wrapper(b"ab").upper(), len(Wrapper(b"ab")))
