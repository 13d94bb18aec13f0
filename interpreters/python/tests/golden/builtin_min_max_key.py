def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 19)]
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[1]), max(people), min(people, key=lambda p: len(p[0])))
print(max("apple", "fig", "banana", key=len), min("apple", "fig", "kiwi", key=len), max([3, -4, 2], key=abs))
print(max({"a": 3, "b": 7}.items(), key=lambda kv: kv[1]), min(range(10), key=lambda v: abs(v - 6.4)))
print(max([], key=len, default="none"), min([[]], key=len), max([1], default=0), max(x for x in [4, 9, 2]))
print(max(1, 2.5, True), min(-0.0, 0.0), max(0.0, -0.0), min([2, 1, 1.0]), max([1.0, 1]))
