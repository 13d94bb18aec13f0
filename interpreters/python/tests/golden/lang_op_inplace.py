class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __add__(self, o):
        return "plain add"
a = Acc()
b = a
a += 1
a += 2
print(a is b, a.items)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
x = OnlyAdd(1)
y = x
x += 5
print(x.v, y.v, x is y)
l = [1]
l2 = l
l += [2]
print(l2)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
n = 10
for op in ["n //= 3", "n **= 2", "n %= 4", "n <<= 3", "n |= 1", "n ^= 3", "n >>= 1", "n &= 6", "n -= 1"]:
    exec(op)
    print(op, n)
