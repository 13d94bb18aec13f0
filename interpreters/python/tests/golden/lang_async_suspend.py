class Sleep:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for i in range(self.n):
            got = yield ("tick", i)
            print("resumed with", got)
        return "slept %d" % self.n

async def worker(name):
    r = await Sleep(2)
    print(name, r)
    return name.upper()

c = worker("w")
print(c.send(None))
print(c.send("a"))
try:
    c.send("b")
except StopIteration as e:
    print("done", e.value)

async def nested():
    a = await worker("inner")
    b = await Sleep(1)
    return a, b
n = nested()
steps = []
try:
    v = None
    while True:
        steps.append(n.send(v))
        v = len(steps)
except StopIteration as e:
    print(steps, e.value)
