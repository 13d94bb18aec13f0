import sys
print("before")
try:
    v = input()
    print("got", repr(v))
except EOFError as e:
    print("EOFError", repr(str(e)))
try:
    input("prompt> ")
except EOFError as e:
    print("EOFError", e)
try:
    input(1, 2)
except TypeError as e:
    print("TypeError", e)
