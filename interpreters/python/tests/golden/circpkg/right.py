print("right start")
import circpkg.left as left_mod
PARTIAL = hasattr(left_mod, "left_fn")
def right_fn():
    return "right_fn sees left_fn: " + str(hasattr(left_mod, "left_fn"))
try:
    from circpkg import VALUE
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
from .sub import deep
print("right done")
