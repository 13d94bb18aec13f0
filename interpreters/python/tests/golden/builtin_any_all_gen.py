def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(any(x > 3 for x in range(5)), all(x < 5 for x in range(5)), any(()), all(()), any([[]]), all([[]]))
print(any(c.isupper() for c in "abC"), all(c.islower() for c in "abc"), any({0: 1}), all({1: 0}), any(iter([0, 0, 1])))
nums = iter(range(10))
print(any(n == 3 for n in nums), list(nums))
print(all([1, 2, 3]) and not any([0, False, None]), type(all([])).__name__)
