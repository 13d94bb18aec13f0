def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for args in [(5,), (1, 5), (0, 10, 3), (10, 0, -1), (0, -5, -2), (3, 3), (5, 1), (-3, 3)]:
    r = range(*args)
    print(r, list(r), len(r), bool(r), r[0] if r else "-", r[-1] if r else "-", 2 in r, -1 in r)
print(range(10)[2:8:2], range(10)[::-1], range(10)[-3:], range(0, 10, 3)[1:], list(range(10)[5:1:-2]))
print(range(5) == range(5), range(0) == range(1, 1), range(0, 4, 2) == range(0, 3, 2), hash(range(3)) == hash(range(3)))
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)), sorted(range(3), reverse=True), list(reversed(range(2, 9, 3))))
