def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(map(lambda x, y, z: x + y + z, [1, 2], [10, 20], [100, 200, 300])))
print(list(map(str.upper, "abc")), list(map(int, ["1", "-2", " 3 "])), list(map(float, ["1.5", "inf"])))
print(list(map(max, [1, 5], [4, 2])), list(map(divmod, [7, 8], [2, 3])), list(map(len, [[], "ab", {1: 2}])))
print(sum(map(lambda v: v * v, range(10))), "".join(map(chr, [72, 105])), sorted(map(abs, [-3, 1, -2])))
t(lambda: list(map(lambda x: 1 / x, [1, 0])))
t(lambda: list(map(None, [1])))
