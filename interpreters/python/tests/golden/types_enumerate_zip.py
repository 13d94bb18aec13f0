def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(enumerate("abc")), list(enumerate("abc", 10)), list(enumerate([], 5)), list(enumerate("ab", start=-1)))
e = enumerate(["x", "y"])
print(type(e).__name__, next(e), next(e), next(e, "end"), iter(e) is e)
t(lambda: enumerate(5))
t(lambda: enumerate("a", "b"))
t(lambda: list(enumerate("ab", 2**70)))
print(list(zip("abc", [1, 2, 3])), list(zip("ab", range(10))), list(zip()), list(zip("a")), list(zip([], "abc")))
print(list(zip("abc", [1, 2, 3], (True, False, None))))
print(list(zip("ab", "cd", strict=True)))
t(lambda: list(zip("abc", "de", strict=True)))
t(lambda: list(zip("ab", "cde", strict=True)))
t(lambda: list(zip("ab", "cd", "e", strict=True)))
t(lambda: zip(1))
t(lambda: zip("a", 2))
z = zip([1, 2], [3, 4])
print(type(z).__name__, next(z), list(z), list(z))
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b, dict(zip("kl", "mn")))
def gen():
    yield 1
    yield 2
    print("gen exhausted")
print(list(zip(gen(), "abc")), list(zip("a", gen())))
