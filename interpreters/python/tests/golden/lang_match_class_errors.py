class BadArgs:
    __match_args__ = "a"
try:
    match BadArgs():
        case BadArgs(z):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 1:
        case len():
            pass
except TypeError as e:
    print("TypeError:", e)

