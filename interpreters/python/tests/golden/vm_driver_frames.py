import sys

# The VM's dispatch loop runs under the framework's Driver with the JIT off:
# frames in retrace::Frames, natives calling back through nested runs,
# frame-reading natives through the CALL handler's snapshot.

# Python-to-Python recursion stays in one dispatch loop.
sys.setrecursionlimit(120000)
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
print(down(100000))
sys.setrecursionlimit(1000)
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError", e)

# Natives calling back into Python: nested runs.
print(sorted([3, 1, 2], key=lambda x: -x))
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, P) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
d = {P(1): "one"}
print(d[P(1)], P(2) in d)
def bad_key(x):
    raise ValueError("key %d" % x)
try:
    sorted([1, 2], key=bad_key)
except ValueError as e:
    print("caught", e)

# Natives reading the caller's frame.
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
print(globals() is sys.modules["__main__"].__dict__)
def caller_name():
    return sys._getframe(1).f_globals["__name__"], sys._getframe(0).f_globals is globals()
def g():
    return caller_name()
print(g())
class Base:
    def __init__(self):
        self.tag = "base"
class Derived(Base):
    def __init__(self):
        super().__init__()
        self.tag += "+derived"
print(Derived().tag)
def uses_exec():
    x = 5
    return eval("x * 2")
print(uses_exec())
def uses_vars():
    y = 7
    return vars()
print(uses_vars())

# Generators: handler-driven and native-driven resumes.
def gen(n):
    for i in range(n):
        got = yield i
        if got:
            print("got", got)
    return "done"
print(list(gen(3)))
it = gen(3)
print(next(it), it.send("hello"), next(it))
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)
def outer():
    r = yield from gen(2)
    print("inner returned", r)
    yield "last"
print([x for x in outer()])
def thrower():
    try:
        yield 1
    except KeyError as e:
        yield "handled %s" % e
t = thrower()
print(next(t), t.throw(KeyError("k")))
def closing():
    try:
        yield 1
    finally:
        print("closed")
c = closing()
next(c)
c.close()
print(max(gen(4)), sum(x * x for x in range(5)))

# Exceptions unwinding through frames of one loop.
def deep_raise(n):
    if n == 0:
        raise KeyError("bottom")
    return deep_raise(n - 1)
def catch():
    try:
        deep_raise(50)
    except KeyError as e:
        return "caught " + str(e)
print(catch())

# FOR_ITER resumes a plain generator in the same loop; other resumes nest.
def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "unused"
total = 0
for v in counter(5):
    total += v
print("total", total)
c = counter(4)
for v in c:
    if v == 1:
        break
print("after break", next(c), list(c))
def leaky():
    yield 1
    raise StopIteration("inside")
try:
    for v in leaky():
        print("leaky", v)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__ if e.__cause__ else None)
def failing():
    yield "a"
    raise ValueError("from the generator")
try:
    for v in failing():
        print("got", v)
except ValueError as e:
    print("caught", e)
def nested_loops():
    for i in counter(3):
        for j in counter(i):
            yield (i, j)
print(list(nested_loops()), [p for p in nested_loops()])
def self_ref():
    yield from_self.__name__ if False else 1
    for x in counter(2):
        yield x * 10
from_self = self_ref
print([x for x in self_ref()])

# SEND (yield from) resumes a plain generator in the same loop too.
def inner_echo():
    got = None
    while got != "stop":
        got = yield "echo %s" % got
    return "inner finished"
def delegator():
    r = yield from inner_echo()
    yield r
d = delegator()
print(next(d), d.send("a"), d.send("b"), d.send("stop"))
def chain(depth):
    if depth == 0:
        yield "leaf"
        return 0
    r = yield from chain(depth - 1)
    return r + 1
def run_chain():
    r = yield from chain(30)
    yield r
print(list(run_chain()))
def inner_fails():
    yield 1
    raise KeyError("deep")
def outer_catches():
    try:
        yield from inner_fails()
    except KeyError as e:
        yield "outer caught %s" % e
print(list(outer_catches()))
def inner_leaks():
    yield 1
    raise StopIteration("leak")
def outer_sees():
    try:
        yield from inner_leaks()
    except RuntimeError as e:
        yield "outer got %s" % type(e.__cause__).__name__
print([x for x in outer_sees()])
