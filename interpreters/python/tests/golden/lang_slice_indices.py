s = slice(1, 10, 2)
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
