def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

recs = [("b", 2, "first"), ("a", 1, "second"), ("b", 1, "third"), ("a", 2, "fourth"), ("b", 2, "fifth"), ("a", 1, "sixth")]
print([r[2] for r in sorted(recs, key=lambda r: r[0])])
print([r[2] for r in sorted(recs, key=lambda r: r[1])])
print([r[2] for r in sorted(recs, key=lambda r: r[0], reverse=True)])
print([r[2] for r in sorted(sorted(recs, key=lambda r: r[1]), key=lambda r: r[0])])
print([r[2] for r in sorted(recs, key=lambda r: (r[0], -r[1]))])
print(sorted([1, 1.0, True, 1], key=lambda v: 0) == [1, 1.0, True, 1], [type(v).__name__ for v in sorted([True, 1.0, 1])])
