print(b"%d items" % 5)
print(b"%s and %s" % (b"a", b"bc"))
print(b"%5d|%-4s|%x|%c|%c" % (42, b"ab", 255, 65, b"z"))
print(b"%r %a" % (b"q", "\xe9"))
print(b"100%% %.2f" % 1.5)
try:
    b"%s" % "str"
except TypeError as e:
    print("TypeError:", e)
try:
    b"%d %d" % (1,)
except TypeError as e:
    print("TypeError:", e)
try:
    b"%d" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
