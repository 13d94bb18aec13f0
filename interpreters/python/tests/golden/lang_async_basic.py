async def add(a, b):
    return a + b

async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    return x, y

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

print(run(main()))
c = add(1, 1)
print(type(c).__name__, c.__class__.__name__)
print(run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
import sys
print(add.__code__.co_flags & 0x80 != 0)
