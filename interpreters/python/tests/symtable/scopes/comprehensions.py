squares = [x * x for x in range(10) if x % 2]
pairs = {(i, j) for i in range(3) for j in range(i)}
index = {k: v for k, v in enumerate("abc")}
gen = (y for y in squares)
def scoped(n):
    return [n + z for z in range(n)]
