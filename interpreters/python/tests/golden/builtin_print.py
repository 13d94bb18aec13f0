import sys
print()
print(1, 2, 3)
print(1, 2, 3, sep="-")
print(1, 2, sep="", end="!\n")
print("a", end="")
print("b")
print(sep="x")
print("x", "y", sep=None, end=None)
print("to stdout", file=sys.stdout)
print("flush", flush=True)
print(*[1, 2, 3], sep=", ")
print("multi\nline", "tab\t")
try:
    print(1, sep=5)
except TypeError as e:
    print("TypeError", e)
try:
    print(1, end=[])
except TypeError as e:
    print("TypeError", e)
try:
    print(1, bogus=2)
except TypeError as e:
    print("TypeError", e)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("into", "obj", sep="+", end=";", file=w)
print(w.parts)
try:
    print("x", file=5)
except AttributeError as e:
    print("AttributeError", e)
print(None, True, 1.5, [None], {"a": "b"}, ("t",))
print("x", file=None)
