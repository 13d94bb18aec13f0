# An except* that re-raises part of a group, and a handler that fails:
# the uncaught group shows both, boxed.
def fail(kind, msg):
    raise kind(msg)

def collect():
    errors = []
    for kind, msg in [(ValueError, "v1"), (TypeError, "t1"), (ValueError, "v2")]:
        try:
            fail(kind, msg)
        except Exception as e:
            errors.append(e)
    return ExceptionGroup("batch", errors)

try:
    raise collect()
except* TypeError as group:
    print("handled", [str(e) for e in group.exceptions])
except* ValueError as group:
    print("failing while handling", len(group.exceptions))
    raise KeyError("handler failed")
