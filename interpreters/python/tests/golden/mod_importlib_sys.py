import importlib, sys
m = importlib.import_module("impdemo.sub")
print(m.__name__, m is sys.modules["impdemo.sub"])
print(importlib.import_module(".inner", "impdemo").__name__)
print(importlib.import_module("json").dumps([1]))
try:
    importlib.import_module("no_such_mod_q")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)
try:
    importlib.import_module(".x")
except TypeError as e:
    print("TypeError", e)
os_mod = __import__("os.path")
print(os_mod.__name__, __import__("impdemo.inner", fromlist=["deep"]).__name__)
print(type(sys.path).__name__, sys.path[0] == __file__.rsplit("/", 1)[0], "impdemo" in sys.modules)
print(sys.version_info[:2], sys.platform, sys.maxsize, type(sys.argv).__name__)
f = sys._getframe()
print(f.f_globals is globals(), type(sys._getframe(0).f_code).__name__)
sys.stdout.write("written\n")
print(sys.getrecursionlimit())
