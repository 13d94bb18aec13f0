def handle(group):
    seen = []
    try:
        raise group
    except* (ValueError, TypeError) as e:
        seen.append(("val/type", [type(x).__name__ for x in e.exceptions]))
    except* OSError as e:
        seen.append(("os", len(e.exceptions)))
    return seen
print(handle(ExceptionGroup("g", [ValueError(), OSError(), TypeError(), OSError()])))
print(handle(ExceptionGroup("g", [ExceptionGroup("inner", [ValueError(1)]), OSError()])))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as e:
        print("in handler", repr(e), repr(e.__traceback__ is not None))
except* KeyError as outer:
    print("outer got", repr(outer))
