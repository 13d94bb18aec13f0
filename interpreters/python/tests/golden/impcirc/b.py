print("b starts")
from . import a
B_NAME = "b"
print("b sees a partly:", hasattr(a, "A_NAME"))
