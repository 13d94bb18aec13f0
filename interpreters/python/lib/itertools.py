"""Iterator building blocks (repy's own generators)."""

__all__ = ["accumulate", "chain", "combinations", "combinations_with_replacement",
           "compress", "count", "cycle", "dropwhile", "filterfalse", "groupby",
           "islice", "pairwise", "permutations", "product", "repeat", "starmap",
           "takewhile", "tee", "zip_longest"]


class count:
    def __init__(self, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float, complex)):
                raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1:
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


class repeat:
    def __init__(self, object, times=None):
        self._object = object
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is not None:
            if self._times <= 0:
                raise StopIteration
            self._times -= 1
        return self._object

    def __length_hint__(self):
        return 0 if self._times is None else max(self._times, 0)

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {max(self._times, 0)})"


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


class chain:
    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._sources = iter(iterables)
        return c

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._sources))
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


class groupby:
    # `_have` says whether `_value`/`_k` hold the next unconsumed item; a
    # group's iterator stays valid only while its token is current.
    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._have = False
        self._value = self._k = None
        self._token = None
        self._cur = None

    def _advance(self):
        try:
            v = next(self._it)
        except StopIteration:
            self._have = False
            return
        self._value = v
        self._k = v if self._keyfunc is None else self._keyfunc(v)
        self._have = True

    def __iter__(self):
        return self

    def __next__(self):
        if self._token is None:
            self._advance()
        else:
            while self._have and self._k == self._cur:
                self._advance()
        if not self._have:
            self._token = object()
            raise StopIteration
        self._cur = self._k
        self._token = token = object()
        return self._k, self._grouper(token, self._k)

    def _grouper(self, token, key):
        while self._token is token and self._have and self._k == key:
            v = self._value
            self._advance()
            yield v


def islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, 1 if s.step is None else s.step
    for name, v in (("Indices", start), ("Stop argument", stop)):
        if v is not None and (not isinstance(v, int) or v < 0):
            if name == "Stop argument":
                raise ValueError("Stop argument for islice() must be None or an "
                                 "integer: 0 <= x <= sys.maxsize.")
            raise ValueError("Indices for islice() must be None or an integer: "
                             "0 <= x <= sys.maxsize.")
    if not isinstance(step, int) or step <= 0:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    i = 0
    nexti = start
    if stop is not None and stop <= start:
        for _ in range(stop):
            if next(it, _islice) is _islice:
                return
        return
    for element in it:
        if i == nexti:
            yield element
            nexti += step
        i += 1
        if stop is not None and i >= stop:
            return


def pairwise(iterable):
    it = iter(iterable)
    for a in it:
        for b in it:
            yield a, b
            a = b
        return


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def tee(iterable, n=2):
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def gen(mybuf):
        while True:
            if not mybuf:
                try:
                    value = next(it)
                except StopIteration:
                    return
                for b in buffers:
                    b.append(value)
            yield mybuf.pop(0)
    return tuple(gen(b) for b in buffers)


class zip_longest:
    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(it) for it in iterables]
        self._active = len(self._its)
        self._fill = fillvalue

    def __iter__(self):
        return self

    def __next__(self):
        if not self._its or not self._active:
            raise StopIteration
        values = []
        for i, it in enumerate(self._its):
            if it is None:
                values.append(self._fill)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                self._active -= 1
                if not self._active:
                    raise
                self._its[i] = None
                values.append(self._fill)
        return tuple(values)


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError("r must be non-negative")
    if r > n:
        return
    # Index tuples in lexicographic order, each index used once.
    def extend(prefix, unused):
        if len(prefix) == r:
            yield tuple(pool[i] for i in prefix)
            return
        for k in range(len(unused)):
            yield from extend(prefix + [unused[k]], unused[:k] + unused[k + 1:])
    yield from extend([], list(range(n)))


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError("r must be non-negative")
    if r > n:
        return
    # Increasing index tuples in lexicographic order.
    def extend(prefix, start):
        if len(prefix) == r:
            yield tuple(pool[i] for i in prefix)
            return
        for i in range(start, n - (r - len(prefix)) + 1):
            yield from extend(prefix + [i], i + 1)
    yield from extend([], 0)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError("r must be non-negative")
    if not n and r:
        return
    # Non-decreasing index tuples in lexicographic order.
    def extend(prefix, start):
        if len(prefix) == r:
            yield tuple(pool[i] for i in prefix)
            return
        for i in range(start, n):
            yield from extend(prefix + [i], i)
    yield from extend([], 0)
