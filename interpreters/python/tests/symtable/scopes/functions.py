def outer(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> int:
    """Documented."""
    total = 0
    def inner(n):
        nonlocal total
        total += n + a
        return total
    return inner(b)

lam = lambda x, y=2: x + y

@decorator
@other(1)
def decorated():
    global counter
    counter += 1
    yield counter
    yield from range(3)
