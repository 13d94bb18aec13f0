def sign(x):
    return "neg" if x < 0 else "zero" if x == 0 else "pos"
print([sign(v) for v in (-1, 0, 1)])
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(0) < v(5), calls)
print(1 < 2 > 0, 1 == 1.0 != 2, "a" < "b" <= "b", [1] < [1, 0] < [2])
x = 5
print(0 < x <= 5, 0 < x < 5, x is not None, x in (5,) not in [(5,)])
print((lambda a: "big" if a > 10 else "small")(11))
print(True + True, [] or {} or "last", 0 and 1, None or 0)
