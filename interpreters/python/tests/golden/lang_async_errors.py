async def f():
    await 5
try:
    f().send(None)
except TypeError as e:
    print("TypeError:", e)

class BadAwait:
    def __await__(self):
        return 3
async def g():
    await BadAwait()
try:
    g().send(None)
except TypeError as e:
    print("TypeError:", e)

async def h():
    return 1
async def twice():
    c = h()
    await c
    await c
try:
    twice().send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
