print("circpkg init start")
from . import left
print("circpkg init after left:", sorted(n for n in dir() if not n.startswith("__")))
VALUE = "pkg value"
