"""A package for the import golden scripts."""
print("impdemo init", __name__, __package__)
VALUE = 10
from .sub import helper
