for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no")
print()
n = 0
while n < 5:
    n += 1
else:
    print("while-else", n)
x = 5
print("big" if x > 3 else "small", 1 < x < 10, 1 < x > 10, not x, x and 0, x or 0)
if (y := x * 2) > 5:
    print("walrus", y)
match [1, 2]:
    case [a, b]:
        print("pair", a, b)
    case _:
        print("other")
i = 0
while True:
    i += 1
    if i >= 3:
        break
print(i)
