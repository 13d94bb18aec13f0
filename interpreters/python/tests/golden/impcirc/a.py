print("a starts")
from . import b
A_NAME = "a"
def use_b():
    return b.B_NAME
print("a ends")
