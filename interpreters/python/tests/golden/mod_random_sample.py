# random.sample: pool and set methods, counts=, errors, seeded like CPython.
import random


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


for seed in [0, 1, 99, 2**70 + 3, 12345]:
    random.seed(seed)
    # Sizes on both sides of the pool/set switch (21, then 21 + 4**ceil(log4(3k))).
    for n, k in [(5, 5), (10, 3), (21, 5), (22, 5), (22, 6), (100, 6), (85, 6),
                 (86, 6), (1000, 10), (1000, 999), (10**6, 7), (40, 40)]:
        s = random.sample(range(n), k)
        print(seed, n, k, s if k <= 40 else (sum(s), s[:8], len(set(s))))
    print(" str", random.sample("abcdefghijklmnop", 6))
    print(" tup", random.sample(tuple("xyz"), k=3))
    print(" zero", random.sample([1, 2, 3], 0))
    print(" counts", random.sample(["red", "blue"], counts=[4, 2], k=5))
    print(" counts2", random.sample("abc", 10, counts=[3, 0, 7]))
    print(" bigcounts", random.sample("ab", 4, counts=[10**12, 5]))
    print(" after", random.random())

show("set", lambda: random.sample({1, 2, 3}, 2))
show("dict", lambda: random.sample({1: 2}, 1))
show("big", lambda: random.sample([1, 2], 3))
show("negk", lambda: random.sample([1, 2], -1))
show("nok", lambda: random.sample([1, 2]))
show("kfloat", lambda: random.sample([1, 2, 3], 2.0))
show("kfloatbig", lambda: random.sample([1, 2, 3], 5.0))
show("clen", lambda: random.sample("ab", 1, counts=[1]))
show("cfloat", lambda: random.sample("ab", 1, counts=[1, 2.0]))
show("czero", lambda: random.sample("ab", 1, counts=[0, 0]))
show("cbig", lambda: random.sample("ab", 4, counts=[1, 2]))
show("cempty", lambda: random.sample([], 0, counts=[]))
show("kw", lambda: random.sample("ab", 1, count=[1]))
show("pos", lambda: random.sample("ab", 1, [1, 1]))
print(random.random())
