class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def total():
    s = []
    async for x in Counter(4):
        if x == 3:
            continue
        s.append(x)
    else:
        s.append("else")
    async for y in Counter(10):
        if y > 2:
            break
        s.append(y * 10)
    return s

c = total()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

async def bad():
    async for z in [1, 2]:
        pass
try:
    bad().send(None)
except TypeError as e:
    print("TypeError:", e)
