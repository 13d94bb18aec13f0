print([x * 2 for x in range(5)])
print([(x, y) for x in range(3) for y in "ab" if x != 1])
print({x: x ** 2 for x in range(4)}, {c for c in "mississippi"})
print(list(x for x in range(3)), sum(x for x in range(10) if x % 2))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
x = "outer"
print([x for x in "inner"], x)
print([i for i in range(3)] == list(range(3)), [] == [], [[]] * 2)
gen = (n * n for n in range(4))
print(next(gen), list(gen), list(gen))
