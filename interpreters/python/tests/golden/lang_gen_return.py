def sub():
    yield 1
    yield 2
    return "sub-done"
def main():
    r = yield from sub()
    print("sub returned", r)
    r2 = yield from [10, 20]
    print("list gives", r2)
    return "main-done"
g = main()
print(list(g))
def stopper():
    yield 1
    raise StopIteration("bad")
try:
    list(stopper())
except RuntimeError as e:
    print("RuntimeError:", e)
def empty():
    return 5
    yield
try:
    next(empty())
except StopIteration as e:
    print("value", e.value)
gen = (x for x in range(2))
print(next(gen), next(gen), next(gen, "default"))
def running():
    yield next(me)
me = running()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
