print("left start")
from . import right
print("left sees right.partial:", right.PARTIAL)
def left_fn():
    return "left_fn -> " + right.right_fn()
print("left done")
