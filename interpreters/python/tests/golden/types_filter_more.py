def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(filter(None, range(-2, 3))), list(filter(lambda s: s.strip(), ["a", " ", "", "b "])))
print(list(filter(str.isalpha, "a1b2")), list(filter(lambda kv: kv[1] > 1, {"a": 1, "b": 2}.items())))
evens = filter(lambda v: v % 2 == 0, range(10))
print(next(evens), next(evens), list(evens), list(evens))
print(len(list(filter(bool, [0, 0.0, "", [], (), {}, None, False, 1]))))
