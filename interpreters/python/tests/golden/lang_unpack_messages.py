def attempt(label, f):
    try:
        print(label, f())
    except (ValueError, TypeError) as e:
        print(label, type(e).__name__ + ":", e)

def two(seq):
    a, b = seq
    return a, b
def star(seq):
    a, *b, c = seq
    return a, b, c
attempt("exact", lambda: two([1, 2]))
attempt("too many", lambda: two([1, 2, 3]))
attempt("too few", lambda: two([1]))
attempt("empty", lambda: two([]))
attempt("not iterable", lambda: two(5))
attempt("none", lambda: two(None))
attempt("string", lambda: two("ab"))
attempt("dict", lambda: two({"k": 1, "j": 2}))
attempt("generator too many", lambda: two(x for x in range(5)))
attempt("star ok", lambda: star(range(5)))
attempt("star min", lambda: star([1, 2]))
attempt("star short", lambda: star([1]))
attempt("star int", lambda: star(3))
def nested(seq):
    (a, b), c = seq
    return a, b, c
attempt("nested", lambda: nested([(1, 2), 3]))
attempt("nested bad", lambda: nested([(1, 2, 3), 3]))
attempt("nested int", lambda: nested([1, 2]))
def for_unpack(pairs):
    out = []
    for k, v in pairs:
        out.append(k + v)
    return out
attempt("for ok", lambda: for_unpack([(1, 2), (3, 4)]))
attempt("for bad", lambda: for_unpack([(1, 2), (3,)]))
attempt("comprehension", lambda: [a for a, b in [(1, 2), "xyz"]])
class Unpackable:
    def __iter__(self):
        yield "first"
        yield "second"
attempt("custom", lambda: two(Unpackable()))
attempt("star call", lambda: (lambda *a: a)(*Unpackable(), *"xy"))
attempt("dict star", lambda: {**{"a": 1}, **{"b": 2}, "c": 3})
attempt("print star", lambda: [*range(3), *"ab", *{"k": 0}])
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
first, *_ = "hello"
print(first, _)
