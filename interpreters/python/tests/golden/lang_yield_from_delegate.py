def inner():
    try:
        x = yield "i1"
        print("inner got", x)
        yield "i2"
    except KeyError:
        yield "inner handled"
    finally:
        print("inner finally")
def outer():
    yield "o1"
    yield from inner()
    yield "o2"
g = outer()
print(next(g), next(g), g.send("sent"), g.throw(KeyError()), next(g))
g2 = outer()
next(g2); next(g2)
g2.close()
print("done")
