class MyError(Exception):
    pass
def risky(n):
    if n > 2:
        raise MyError(f"too big: {n}")
    return n
for i in range(5):
    try:
        risky(i)
    except MyError as e:
        print("caught", e, repr(e), e.args)
    else:
        print("ok", i)
    finally:
        print("finally", i)
try:
    {}["k"]
except KeyError as e:
    print("KeyError", e)
try:
    [][1]
except IndexError as e:
    print(e)
try:
    int("x")
except ValueError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("converted")
except ValueError as e:
    print(e, type(e.__context__).__name__)
try:
    raise RuntimeError("outer") from KeyError("inner")
except RuntimeError as e:
    print(e, repr(e.__cause__))
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True
with CM() as cm:
    raise ValueError("suppressed")
print("after with")
