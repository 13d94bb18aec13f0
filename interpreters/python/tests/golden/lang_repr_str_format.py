class P:
    def __repr__(self):
        return "P()"
class Q(P):
    def __str__(self):
        return "q-str"
    def __format__(self, spec):
        return f"Q<{spec}>"
print(P(), str(P()), repr(Q()), str(Q()), [Q()], f"{Q():>5}", format(Q(), "x"), f"{Q()!r}", f"{Q()!s}")
class Bad:
    def __repr__(self):
        return 5
try:
    repr(Bad())
except TypeError as e:
    print("TypeError:", e)
print(f"{3.14159:.2f}|{42:05d}|{'s':^5}|{255:#x}|{1e6:,.0f}|{0.5:%}")
print("{} {!r} {x}".format("a", "b", x=1), "%s %r %5.1f" % ("s", "r", 2.25))
try:
    format(object(), "x")
except TypeError as e:
    print("TypeError:", e)
