def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

vals = [(), (1,), (1, 2), (1, (2, 3)), ("a", "b"), (1.5, -2), (True, False), ((),), (2**70,)]
for v in vals:
    print(v, hash(v))
print(hash((1, 2)) == hash((1.0, 2.0)), {(1, 2): "x"}[(1.0, 2)])
t(lambda: hash((1, [2])))
t(lambda: hash(([],)))
t(lambda: {(1, {2}): 1})
