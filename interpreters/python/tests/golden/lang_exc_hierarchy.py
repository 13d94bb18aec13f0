for name in ["ZeroDivisionError", "KeyError", "IndexError", "FileNotFoundError", "RecursionError",
             "UnboundLocalError", "ModuleNotFoundError", "StopIteration", "GeneratorExit",
             "KeyboardInterrupt", "NotImplementedError", "UnicodeDecodeError", "TabError"]:
    cls = eval(name)
    print(name, [c.__name__ for c in cls.__mro__])
class MyErr(ValueError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyErr(7)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)
print(issubclass(KeyError, LookupError), isinstance(KeyError(), Exception))
