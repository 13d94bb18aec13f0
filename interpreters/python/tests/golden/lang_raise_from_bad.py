try:
    raise ValueError from 5
except TypeError as te:
    print("TypeError:", te)
try:
    raise 5
except TypeError as te:
    print("TypeError:", te)
