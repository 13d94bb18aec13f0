# Packages, submodules, relative imports and sys.modules.
import sys
import impdemo
print(impdemo.VALUE, impdemo.helper(4))
print("impdemo.sub" in sys.modules, impdemo.sub.__name__)
print(impdemo.__package__, impdemo.__path__[0].endswith("impdemo"))
print(impdemo.__doc__)
import impdemo.inner
print(impdemo.inner.deep.RESULT, impdemo.inner.deep.SAME)
import impdemo.inner.deep as d
print(d is impdemo.inner.deep, d.__name__, d.__package__)
from impdemo import inner
print(inner.parent_value)
from impdemo.inner import deep
print(deep.RESULT)
import impdemo as again
print(again is impdemo, sys.modules["impdemo"] is impdemo)
from impdemo.star import *
print(a, _b)
try:
    c
except NameError as e:
    print("NameError", e)
from impdemo.nostar import *
print(a, c)
try:
    _b2 = _b
    print("has _b from star", _b2)
except NameError as e:
    print(e)
import nsdemo.part.mod
print(nsdemo.part.mod.NAME, nsdemo.__file__ if hasattr(nsdemo, "__file__") else None)
print(sorted(k for k in sys.modules if k.startswith("impdemo")))
