from ..left import __name__ as left_name
from . import __name__ as sub_name
print("deep:", left_name, sub_name, __name__, __package__)
