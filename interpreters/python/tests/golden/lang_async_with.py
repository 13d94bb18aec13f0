log = []
class CM:
    async def __aenter__(self):
        log.append("enter")
        return "resource"
    async def __aexit__(self, et, ev, tb):
        log.append(("exit", et.__name__ if et else None))
        return et is KeyError

async def use():
    async with CM() as r:
        log.append(r)
    async with CM():
        raise KeyError("swallowed")
    try:
        async with CM():
            raise ValueError("kept")
    except ValueError as e:
        log.append(str(e))
    return "ok"

c = use()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
print(log)

async def bad():
    async with 5:
        pass
try:
    bad().send(None)
except TypeError as e:
    print("TypeError:", e)
