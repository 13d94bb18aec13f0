def total(items, extra):
    return sum(items) + extra * 2

print(total([1, 2], 3))
print(total([1, 2], None))
