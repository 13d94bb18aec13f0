def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = [3, 1, 2]
l.append(4); print(l)
l.extend([5, 6]); print(l)
l.extend("ab"); print(l)
l.extend(range(2)); print(l)
l.insert(0, "first"); l.insert(100, "last"); l.insert(-1, "penult"); l.insert(-100, "zero"); print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove("a"); print(l)
t(lambda: l.remove("zzz"))
t(lambda: [].pop())
t(lambda: [1].pop(5))
t(lambda: [1].pop("x"))
print(l.index(5), l.index(1), l.count(1), l.count("q"))
t(lambda: l.index("q"))
t(lambda: [1, 2, 3, 2].index(2, 2))
t(lambda: [1, 2, 3, 2].index(2, 2, 3))
t(lambda: [1, 2, 3, 2].index(2, -1))
m = [1, 2, 3]
m.reverse(); print(m)
c = m.copy(); c.append(9); print(m, c)
m.clear(); print(m, len(m))
t(lambda: [].append())
t(lambda: [].append(1, 2))
t(lambda: [].insert(1))
t(lambda: [].extend(5))
t(lambda: list.append(5, 1))
t(lambda: [1, 2] + (3,))
t(lambda: [1, 2] + [3])
t(lambda: [0] * 3)
t(lambda: [1, 2] * -1)
t(lambda: 2 * [[]])
x = [1]
x += (2, 3)
x *= 2
print(x)
t(lambda: list.__len__([1, 2]))
t(lambda: [1, 2].__contains__(2))
t(lambda: [1, 2].__getitem__(-1))
