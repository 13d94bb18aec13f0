def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

pairs = [(1, "one"), (2, "two"), (3, "three")]
nums, names = zip(*pairs)
print(nums, names, list(zip(nums, names)) == pairs)
matrix = [(1, 2, 3), (4, 5, 6), (7, 8, 9)]
print(list(zip(*matrix)), [sum(col) for col in zip(*matrix)], list(map(list, zip(*matrix[::-1]))))
print(dict(zip("abc", range(3))), list(zip(*[])), list(zip(*["ab", "cd"])))
