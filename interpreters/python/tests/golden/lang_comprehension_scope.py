x = "outer"
l = [x for x in range(3)]
print(l, x)
print({k: v for k, v in zip("ab", (1, 2))}, {c for c in "aab"}, list(x * 2 for x in "ab"))
class C:
    y = 10
    vals = [i for i in range(3)]
    try:
        bad = [y for i in range(2)]
    except NameError as e:
        err = str(e)
print(C.vals, C.err)
print([(i, j) for i in range(3) for j in range(i) if (i + j) % 2])
print([[j for j in range(i)] for i in range(3)])
g = (n * n for n in range(4))
print(sum(g), sum(g))
def f():
    a = 1
    return [a + b for b in range(3)]
print(f())
