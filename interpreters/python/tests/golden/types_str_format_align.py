def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

rows = [("name", "qty", "price"), ("apple", 3, 1.5), ("banana", 12, 0.25), ("kiwi", 100, 12.0)]
for r in rows:
    print("{:<8}|{:>5}|{:>8}".format(*r))
for r in rows[1:]:
    print("{0:*^10}|{1:05d}|{2:8.2f}|{2:<8.1e}|".format(*r))
print("{:>10}".format("right"), "{:<10}|".format("left"), "{:^10}|".format("mid"), "{:=^11}".format(" x "))
