def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(abs, [])))
print(list(map(pow, [2, 3], [3, 2], [5, 5])), list(map(len, ["ab", (1,), {}])))
m = map(int, "123")
print(type(m).__name__, next(m), list(m), list(m))
t(lambda: map(str))
t(lambda: map())
t(lambda: list(map(5, [1])))
t(lambda: map(str, 5))
t(lambda: list(map(int, ["1", "x"])))
print(list(filter(None, [0, 1, "", "a", [], [0], None, False, 2.0])))
print(list(filter(lambda v: v % 2, range(10))), list(filter(str.isdigit, "a1b2c3")))
f = filter(None, [1, 0])
print(type(f).__name__, next(f), next(f, "end"))
t(lambda: filter(None))
t(lambda: list(filter(len, [1])))
t(lambda: filter(None, 5))
def gen():
    for i in range(5):
        print("produce", i)
        yield i
it = map(lambda v: v * 10, filter(lambda v: v > 1, gen()))
print(next(it))
print(list(it))
