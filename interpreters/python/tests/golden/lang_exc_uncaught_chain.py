def inner():
    raise KeyError("missing")
def outer():
    try:
        inner()
    except KeyError as e:
        raise ValueError("bad value") from e
outer()
