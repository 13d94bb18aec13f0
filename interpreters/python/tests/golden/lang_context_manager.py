class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.swallow
with CM("a") as x, CM("b") as y:
    print(x, y)
with CM("s", swallow=True):
    raise ValueError("hidden")
print("after swallow")
try:
    with CM("p"):
        raise KeyError("shown")
except KeyError as e:
    print("caught", e)
def f():
    with CM("r"):
        return "returned"
print(f())
try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)
