# A traceback that passes through generator frames and a yield from.
def numbers():
    yield 1
    yield 2
    raise ValueError("generator failed at 3")

def relay():
    total = yield from numbers()
    return total

def consume():
    return [n * 10 for n in relay()]

print("starting")
consume()
