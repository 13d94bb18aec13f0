# __getnewargs__ of the value types rebuilds subclass instances (copy, pickle).
class S(str): pass
class B(bytes): pass
from collections import namedtuple
P = namedtuple("P", "a b")
for v in (S("ab"), 5, 2.5, (1, 2), B(b"x"), "s", P(1, 2)):
    a = v.__getnewargs__()
    print(a, [type(x).__name__ for x in a], type(v).__new__(type(v), *a))
