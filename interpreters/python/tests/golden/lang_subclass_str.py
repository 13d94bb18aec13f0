# str subclasses: the value, attributes, methods and operators.
class S(str):
    def shout(self):
        return self.upper() + "!"

s = S("abc")
print(type(s).__name__, type(s) is S, isinstance(s, str), issubclass(S, str))
print(s, repr(s), len(s), s[0], s[-1], s[1:], type(s[1:]).__name__)
print(s.shout(), s.upper(), type(s.upper()).__name__, s.replace("b", "B"))
print(s + "d", type(s + "d").__name__, "x" + s, type("x" + s).__name__)
print(s * 2, type(s * 2).__name__, 2 * s, "b" in s, "z" in s)
print(s == "abc", "abc" == s, s != "abd", s < "abd", s >= "abc")
print(hash(s) == hash("abc"), {s: 1}["abc"], {"abc": 2}[s], s in {"abc"})
print(str(s), type(str(s)).__name__, type(str(s)) is str)
print(f"{s}", f"{s!r}", f"{s:>5}|", "%s-%r" % (s, s), "{}".format(s))
print("-".join([s, S("d"), "e"]), type("".join([s])).__name__)
print(list(s), sorted([S("b"), "a", S("c")]), [type(x).__name__ for x in sorted([S("b"), "a"])])
s.tag = "t"
print(s.tag, s.__dict__, vars(s))
print(s.startswith(S("ab")), "xabcx".find(s), s.split("b"), s.encode())
print(int(S("42")), float(S("1.5")), S(42), S(), repr(S()), S(b"xy", "ascii"))
empty = S("")
print(bool(empty), bool(s), not empty)
import json
print(json.dumps({s: [s]}), json.dumps(S("q\n")))

class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
    def __init__(self, value):
        self.original = value

u = Upper("hello")
print(u, u.original, type(u).__name__, u == "HELLO", len(u))

class WithRepr(str):
    def __repr__(self):
        return "WithRepr(" + str.__repr__(self) + ")"
    def __str__(self):
        return "str:" + self

w = WithRepr("v")
print(repr(w), str(w), [w], f"{w}", "%s" % w, format(w))
