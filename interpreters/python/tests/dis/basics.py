x = 2 + 2
y = x * 3 - -1
s = "ab" * 3
big = "a" * 10**9
t = (1, 2, (3, "four"))
if 0:
    unreachable()
if 1:
    taken()
else:
    not_taken()
while x:
    x -= 1
    if x == 2:
        continue
    if x > 5:
        break
else:
    done = True
a, *b, c = range(5)
del a, b[0], c.d
print(x < y <= 10, not x, x if y else s)
