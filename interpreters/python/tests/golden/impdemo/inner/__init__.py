from .. import VALUE as parent_value
from . import deep
print("inner init", __name__, __package__, parent_value)
