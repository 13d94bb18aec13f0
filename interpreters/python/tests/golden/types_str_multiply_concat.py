def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "ab"
print(s * 3, 3 * s, s * 0, s * -1, s + s, s + "", "" + "", "x" * 1)
acc = ""
for i in range(5):
    acc += str(i)
print(acc, len(acc))
parts = ["a", "b"]
print("".join(parts) * 2, ("-" * 10), "=" * 3 + ">" )
t(lambda: s * "2")
t(lambda: s + None)
t(lambda: s * 1.5)
t(lambda: s - "a")
t(lambda: -s)
