def run(exc):
    try:
        raise exc
    except* ValueError as e:
        print("ValueError part:", repr(e))
    except* TypeError as e:
        print("TypeError part:", repr(e))

run(ExceptionGroup("g", [ValueError(1), TypeError(2), ValueError(3)]))
run(ValueError("naked"))
try:
    run(ExceptionGroup("g", [ValueError(1), KeyError(2)]))
except ExceptionGroup as e:
    print("left over:", repr(e))
try:
    run(KeyError("other"))
except KeyError as e:
    print("naked left over:", repr(e))
try:
    try:
        raise ExceptionGroup("g", [OSError(1)])
    except* OSError:
        print("handled all")
    print("after")
except Exception as e:
    print("unexpected", e)
