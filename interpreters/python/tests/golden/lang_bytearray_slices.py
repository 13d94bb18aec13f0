ba = bytearray(b"0123456789")
ba[2:5] = b"xy"
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
ba[0:0] = [65, 66]
print(ba)
ba[::2] = b"zzz"[:len(ba[::2])]
print(ba)
try:
    ba[0] = 256
except ValueError as e:
    print("ValueError:", e)
try:
    ba[100]
except IndexError as e:
    print("IndexError:", e)
try:
    hash(ba)
except TypeError as e:
    print("TypeError:", e)
try:
    bytearray().pop()
except IndexError as e:
    print("IndexError:", e)
