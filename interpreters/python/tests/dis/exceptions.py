def f():
    try:
        risky()
    except (ValueError, TypeError) as e:
        handle(e)
    except KeyError:
        return 1
    else:
        fine()
    finally:
        cleanup()

def g(path):
    with open(path) as fh, lock:
        return fh.read()

def h():
    for i in range(3):
        try:
            continue
        finally:
            print(i)
    raise RuntimeError("x") from None

try:
    pass
except* ValueError as eg:
    print(eg)
