class Tick:
    def __await__(self):
        got = yield "tick"
        return got

async def agen(n):
    for i in range(n):
        t = await Tick()
        yield (i, t)
    yield "last"

async def consume():
    out = []
    async for item in agen(2):
        out.append(item)
    return out

c = consume()
print(c.send(None))
print(c.send("a"))
try:
    c.send("b")
except StopIteration as e:
    print("result", e.value)

async def simple():
    yield 1
    yield 2

async def collect():
    return [x async for x in simple()]

try:
    collect().send(None)
except StopIteration as e:
    print("comprehension", e.value)

g = simple()
print(type(g).__name__, g.__aiter__() is g)
step = g.__anext__()
try:
    step.send(None)
except StopIteration as e:
    print("first", e.value)
step = g.asend(None)
try:
    step.send(None)
except StopIteration as e:
    print("second", e.value)
try:
    g.__anext__().send(None)
except StopAsyncIteration:
    print("exhausted")
