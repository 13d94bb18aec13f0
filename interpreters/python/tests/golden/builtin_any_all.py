def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t(lambda: any([]))
t(lambda: all([]))
t(lambda: any([0, "", None]))
t(lambda: any([0, 2]))
t(lambda: all([1, "a", [0]]))
t(lambda: all([1, 0]))
t(lambda: any(5))
t(lambda: all())
t(lambda: any("abc"))
t(lambda: any({}))
seen = []
def g():
    for i in range(10):
        seen.append(i)
        yield i > 2
print(any(g()), seen)
seen.clear()
def h():
    for i in range(10):
        seen.append(i)
        yield i < 3
print(all(h()), seen)
class B:
    def __bool__(self): raise ValueError("no bool")
t(lambda: any([B()]))
t(lambda: all([B()]))
t(lambda: type(any([1])).__name__)
