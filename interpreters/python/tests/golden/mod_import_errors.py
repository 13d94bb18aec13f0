# ImportError and ModuleNotFoundError as CPython words them.
import sys
def attempt(code):
    try:
        exec(code, {"__name__": "__main__"})
        print("ok:", code)
    except ImportError as e:
        print(type(e).__name__, "|", str(e).replace(sys.path[0], "<DIR>"), "|", e.name)

try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import impdemo.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import impdemo.sub.deeper
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from impdemo import no_such_name
except ImportError as e:
    print(type(e).__name__, str(e).replace(sys.path[0], "<DIR>"), e.name)
try:
    import impdemo.broken
except ValueError as e:
    print("ValueError", e)
print("impdemo.broken" in sys.modules)
try:
    import impdemo.broken
except ValueError as e:
    print("again ValueError", e)
try:
    import impdemo.beyond
except ImportError as e:
    print(type(e).__name__, e)
print(issubclass(ModuleNotFoundError, ImportError))
try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
