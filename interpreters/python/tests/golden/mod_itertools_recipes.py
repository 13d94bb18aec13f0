# Common itertools/functools/operator recipes real programs use.
from itertools import chain, islice, groupby, accumulate, count, zip_longest, product, starmap, tee, repeat, cycle, takewhile, permutations
from functools import reduce, partial
from operator import mul, itemgetter, attrgetter
from collections import Counter, defaultdict, deque
def take(n, it): return list(islice(it, n))
def chunked(seq, n):
    it = iter(seq)
    return iter(lambda: list(islice(it, n)), [])
def sliding(seq, n):
    d = deque(maxlen=n)
    for x in seq:
        d.append(x)
        if len(d) == n:
            yield tuple(d)
print(take(5, count(10, 5)), list(chunked(range(7), 3)), list(sliding("abcde", 3)))
print(reduce(mul, range(1, 8)), list(accumulate(range(6), mul)), list(accumulate([3, 1, 4, 1, 5], max)))
words = "the quick brown fox jumps over the lazy dog the end".split()
print(Counter(words).most_common(3), sorted(Counter(len(w) for w in words).items()))
by_len = defaultdict(list)
for w in words: by_len[len(w)].append(w)
print(sorted((k, sorted(set(v))) for k, v in by_len.items()))
print([(k, [x[1] for x in g]) for k, g in groupby(sorted(((len(w), w) for w in words)), key=itemgetter(0))][:3])
print(list(zip_longest(*[iter("abcdefg")] * 3, fillvalue="x")))
print(sum(starmap(mul, zip([1, 2, 3], [4, 5, 6]))), list(takewhile(lambda x: x < 10, (n * n for n in count()))))
print(["".join(p) for p in permutations("abc")][:4], len(list(product(range(3), repeat=3))))
print(take(7, cycle([1, 2, 3])), list(repeat(0, 3)), list(chain.from_iterable([[1], [2, 3], []])))
a, b = tee(iter([1, 2, 3])); next(b); print(list(zip(a, b)))
class P:
    def __init__(self, n, a): self.name, self.age = n, a
    def __repr__(self): return f"P({self.name})"
people = [P("b", 30), P("a", 30), P("c", 20)]
print(sorted(people, key=attrgetter("age", "name")), max(people, key=attrgetter("age")))
int2 = partial(int, base=2); print(int2("1011"), int2("111"))
