def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for a in [7, -7, 0, 1, 2**62, -(2**62), 2**64 + 3]:
    for b in [3, -3, 1, 2**63]:
        print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b))
t(lambda: 1 // 0)
t(lambda: 1 % 0)
t(lambda: divmod(5, 0))
t(lambda: 2**100 // 0)
t(lambda: 7 / 2)
t(lambda: -7 / 2)
t(lambda: 2**70 / 2**68)
t(lambda: 1 / 0)
t(lambda: 10**400 / 1)
t(lambda: 10**400 / 10**399)
print(-(2**63), 2**63 - 1, -(-(2**63)))
print(2**63 * 2**63, (2**63) ** 2 == 2**126)
