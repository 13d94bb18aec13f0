class Pause:
    def __await__(self):
        try:
            v = yield "paused"
        except KeyError:
            print("Pause saw KeyError")
            return "recovered in Pause"
        return v

async def inner():
    try:
        return await Pause()
    except ValueError as e:
        print("inner caught", e)
        return "recovered in inner"

async def outer():
    r = await inner()
    print("outer got", r)
    return r

for exc in [ValueError("v"), KeyError("k")]:
    c = outer()
    print(c.send(None))
    try:
        c.throw(exc)
    except StopIteration as e:
        print("finished with", e.value)

def sub():
    try:
        yield 1
    except GeneratorExit:
        print("sub closing")
        raise
def top():
    try:
        yield from sub()
    finally:
        print("top finally")
g = top()
next(g)
g.close()
