def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {i: i for i in range(5)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
for k in d:
    d[k] = k * 10
print(d)
def grow():
    for k in d:
        d[k + 100] = 0
t(grow)
print(len(d))
def shrink():
    for k in d:
        del d[k]
t(shrink)
e = {1: 1}
it = iter(e)
e[2] = 2
t(lambda: next(it))
