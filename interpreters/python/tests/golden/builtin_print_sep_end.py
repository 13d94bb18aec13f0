def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print("a", "b", "c", sep="")
print("a", "b", sep=" | ", end=" <end>\n")
print(1, 2.5, None, [1], sep=";")
print("no newline", end="")
print(" then newline")
print(*"xyz", sep="-")
print(*[], sep="!")
print("", "", sep="x")
print("tab", "sep", sep="\t")
print("multi", end="\n\n")
print("done", sep=None, end=None)
