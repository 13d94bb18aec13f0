def f():
    raise ValueError("inner")
def g():
    try:
        f()
    except ValueError as e:
        raise TypeError("typed") from e
excs = []
for fn in (f, g):
    try:
        fn()
    except Exception as e:
        excs.append(e)
inner = ExceptionGroup("inner group", [KeyError("k"), OSError("nope")])
raise ExceptionGroup("top", excs + [inner])
