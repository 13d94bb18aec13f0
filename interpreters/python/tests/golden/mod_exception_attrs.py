# Attributes that exception types add to args, as CPython 3.11 sets them.
import sys


def show(e):
    attrs = {}
    for a in ("code", "msg", "name", "path", "obj", "errno", "strerror",
              "filename", "filename2"):
        if hasattr(e, a):
            attrs[a] = getattr(e, a)
    print(type(e).__name__, e.args, attrs)


show(SystemExit())
show(SystemExit(3))
show(SystemExit("bye"))
show(SystemExit(1, 2))
show(KeyboardInterrupt())
show(KeyboardInterrupt("x"))
show(ImportError())
show(ImportError("no module", name="m", path="/p"))
show(ImportError("a", "b"))
show(ModuleNotFoundError("gone", name="gone"))
show(AttributeError("no attr", name="n", obj=5))
show(AttributeError())
show(NameError("name 'q' is not defined", name="q"))
show(OSError())
show(OSError("just text"))
# OSError(errno, ...) picking a subclass (PermissionError, ...) and its
# "[Errno n] text" str are not in repy yet: a subclass shows the attributes.
show(PermissionError(13, "Permission denied"))
show(FileNotFoundError(2, "No such file or directory", "f.txt"))
show(FileNotFoundError(2, "No such file or directory", "a", None, "b"))
print(str(OSError("plain")))

try:
    sys.exit(7)
except SystemExit as e:
    print("sys.exit(7):", e.code, e.args)
try:
    sys.exit()
except SystemExit as e:
    print("sys.exit():", e.code, e.args)
try:
    raise SystemExit
except SystemExit as e:
    print("raise SystemExit:", e.code)

e = SystemExit(1)
e.code = 4
print("code is writable:", e.code)

for bad in (lambda: ImportError("x", nope=1), lambda: SystemExit(code=1),
            lambda: AttributeError(x=1)):
    try:
        bad()
    except TypeError as t:
        print("TypeError:", t)


class MyExit(SystemExit):
    pass


show(MyExit(9))
