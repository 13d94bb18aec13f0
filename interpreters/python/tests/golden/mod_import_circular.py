# Circular imports behave as in CPython.
import sys
import impcirc.a
print(impcirc.a.use_b(), impcirc.b.B_NAME)
print(sys.modules["impcirc.b"].a is impcirc.a)
try:
    import impcirc.c
except ImportError as e:
    print(type(e).__name__, str(e).replace(sys.path[0], "<DIR>"))
print("impcirc.c" in sys.modules, "impcirc.d" in sys.modules)
