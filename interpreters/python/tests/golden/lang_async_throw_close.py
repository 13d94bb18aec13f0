class Yield:
    def __await__(self):
        v = yield "paused"
        return v

async def guarded():
    try:
        r = await Yield()
        return ("normal", r)
    except ValueError as e:
        return ("caught", str(e))
    finally:
        print("finally ran")

c = guarded()
print(c.send(None))
try:
    c.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)

c2 = guarded()
print(c2.send(None))
c2.close()
print("closed")

c3 = guarded()
try:
    c3.send(1)
except TypeError as e:
    print("TypeError:", e)
c3.close()

async def raiser():
    raise KeyError("inner")
try:
    raiser().send(None)
except KeyError as e:
    print("KeyError:", e)
