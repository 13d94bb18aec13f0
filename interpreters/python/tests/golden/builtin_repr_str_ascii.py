class P:
    def __repr__(self): return "P()"
class Q:
    pass
print(repr(1), repr("a"), repr([1, "a"]), repr(P()), repr(None), repr(...), repr(NotImplemented))
print(repr(Q())[:11], str(Q())[:11], repr(Q) , repr(int), repr(len), repr(print))
print(ascii("naïve ☃"), ascii(["é"]), ascii(P()), ascii(1), ascii("\U0001f600"), ascii("\x7f\x80"))
print(str(1), str(1.0), str("x"), str([1]), str(b"") if False else "", str(...))
try:
    repr()
except TypeError as e:
    print("TypeError", e)
try:
    repr(1, 2)
except TypeError as e:
    print("TypeError", e)
class BadRepr:
    def __repr__(self): return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError", e)
print(repr(repr), repr(type(None)), repr(object()) [:17], repr(P))
