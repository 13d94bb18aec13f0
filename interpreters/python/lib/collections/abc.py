"""Abstract base classes for containers (names for isinstance checks)."""
from _collections_abc import *  # noqa
from _collections_abc import __all__  # noqa
