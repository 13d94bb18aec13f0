print(repr(ValueError()), repr(ValueError(1)), repr(ValueError(1, 2)), str(ValueError(1, 2)))
print(str(KeyError("k")), str(KeyError()), repr(KeyError("k")))
e = Exception("a", "b")
print(e.args, len(e.args))
e.args = ("c",)
print(str(e))
try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args)
class E(Exception):
    def __str__(self):
        return "custom str"
print(str(E(1)), repr(E(1)))
s = StopIteration(5)
print(s.value, s.args)
