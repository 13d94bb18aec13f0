def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print({}, {1: 1}, {"a": "b"}, {(1, 2): [3]}, {None: None}, {1.5: -0.0}, {True: False})
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2} != {2: 1}, {1: [1]} == {1: [1]}, {} == [], {1: 2}.items() == {(1, 2)})
print(dict(a=1, b=2) == {"b": 2, "a": 1}, list({"b": 2, "a": 1}), repr({"q": "it's"}))
t(lambda: {1: 2} < {1: 2})
t(lambda: {1: 2} > {})
