from __future__ import annotations
name = "world"
width = 10
print(f"hello {name!r:>{width}} {width:#x} {{literal}} {name=}")
import os.path as osp, sys
from .pkg import mod as m, other
assert name, f"bad {name}"
