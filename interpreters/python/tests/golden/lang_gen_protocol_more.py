def gen():
    try:
        x = yield 1
        print("got", x)
        y = yield x * 2
        print("got", y)
    except KeyError as e:
        print("caught", repr(e))
        yield "after throw"
    finally:
        print("finally")
    return "ret"

g = gen()
print(g.send(None))
print(g.send(5))
print(g.throw(KeyError("k")))
try:
    next(g)
except StopIteration as s:
    print("StopIteration", s.value)

g = gen()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
print(next(g))
g.close()
g.close()
try:
    next(g)
except StopIteration:
    print("closed gen stops")

def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("refusing")
            yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored"
r = returns_on_close()
next(r)
print(r.close())

def running():
    yield me.send(None)
me = running()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

g = gen()
try:
    g.throw(ValueError("unstarted"))
except ValueError as e:
    print("unstarted throw:", e)
try:
    next(g)
except StopIteration:
    print("dead after throw")

def delegating():
    r = yield from gen()
    print("delegate got", r)
    yield "end"
d = delegating()
print(next(d), d.send(7), d.throw(KeyError("kk")), next(d), next(d, "x"))
print(type(iter(gen())).__name__, gen.__name__)
def empty():
    return 3
    yield
e = empty()
try:
    next(e)
except StopIteration as s:
    print(s.value, s.args)
