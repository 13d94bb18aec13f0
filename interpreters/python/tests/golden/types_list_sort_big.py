def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

import random
random.seed(7)
data = [random.randint(-1000, 1000) for _ in range(2000)]
s = sorted(data)
print(s[:10], s[-10:], s == sorted(s), len(s))
data.sort(key=lambda v: (v % 7, -v))
print(data[:12])
words = ["w%d" % random.randint(0, 200) for _ in range(500)]
ws = sorted(words, key=len)
print(ws[:8], ws[-5:])
fl = [random.random() for _ in range(300)]
print(sorted(fl)[:3], sorted(fl, reverse=True)[:2])
