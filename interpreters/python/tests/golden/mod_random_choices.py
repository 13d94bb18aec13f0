# random.choices: unweighted, weights=, cum_weights=, k=, seeded like CPython.
import random


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


pops = [list(range(3)), "abcdefghij", tuple(range(100)), list(range(1000))]
for seed in [0, 1, 42, 2**40 + 7, -5]:
    random.seed(seed)
    for pop in pops:
        print(seed, len(pop), random.choices(pop, k=12))
        print(" one", random.choices(pop))
    print(" w", random.choices("abc", [1, 2, 7], k=20))
    print(" wf", random.choices(range(5), weights=[0.5, 0.0, 2.25, 1e-3, 3], k=15))
    print(" cw", random.choices(["x", "y", "z"], cum_weights=[1, 1, 10], k=20))
    print(" cwf", random.choices("pq", cum_weights=(0.25, 1.0), k=10))
    print(" big", random.choices(range(200), weights=range(1, 201), k=8))
    print(" after", random.random())

random.seed(3)
print(random.choices([], k=0))
print(random.choices("abc", k=0), random.choices("abc", k=-3))
print(random.choices([7], [5], k=4))
show("both", lambda: random.choices("ab", [1, 1], cum_weights=[1, 2]))
show("len", lambda: random.choices("ab", [1, 2, 3]))
show("cwlen", lambda: random.choices("abc", cum_weights=[1]))
show("zero", lambda: random.choices("ab", [0, 0]))
show("neg", lambda: random.choices("ab", [1, -3]))
show("inf", lambda: random.choices("ab", [1, float("inf")]))
show("empty", lambda: random.choices([]))
show("emptyw", lambda: random.choices([], []))
show("kfloat", lambda: random.choices("ab", k=2.0))
show("nolen", lambda: random.choices(5))
show("pos", lambda: random.choices("ab", None, [1, 2]))
show("kwbad", lambda: random.choices("ab", kk=2))
show("noarg", lambda: random.choices())
print(random.random())
