def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

m = __import__("math")
print(m.__name__, m.sqrt(16), m is __import__("math"))
s = __import__("sys")
print(s.__name__, "sys" in s.modules)
t(lambda: __import__("no_such_module_xyz"))
t(lambda: __import__(5))
t(lambda: __import__())
t(lambda: type(__import__("random")).__name__)
import math as mm
print(mm is m)
