# A package whose modules import each other while half initialized.
import sys
import circpkg
print(circpkg.left.left_fn())
print(circpkg.VALUE, circpkg.right.PARTIAL)
print(sorted(k for k in sys.modules if k.startswith("circpkg")))
import circpkg.sub.deep as d
print(d.sub_name, d is sys.modules["circpkg.sub.deep"])
print(circpkg.sub.parent_right is circpkg.right)
from circpkg import left, right
print(left.right is right, right.left_mod is left)
try:
    from circpkg import missing_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
try:
    import circpkg.nothing_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
