s = "héllo, wörld ✓"
print(len(s), list(s)[:5], s[0], s[-1], s[3:9], s[::3], s[-3:], s[100:], s[:-100])
for i, c in enumerate(s):
    if ord(c) > 127:
        print(i, c, ord(c))
print(list(reversed("abc")), sorted("hello"), min("hello"), max("hello"), set("aab") == {"a", "b"})
print("".join(c.upper() for c in s if c.isalpha()))
print(s[1:100:2], s[-1:-8:-2], s[::-1])
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print("abc" * 2 == "abcabc", "ab" in "cabd", "" in "x", "abc".__iter__().__next__())
print(tuple("xyz"), dict.fromkeys("ab"), [c * 2 for c in "ab"])
