def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

words = ["apple", "Apple", "APPLE", "banana", "app", "", " ", "z", "Z", "é", "e", "10", "9", "a\x00", "a"]
print(sorted(words))
print(sorted(words, reverse=True))
print(min(words), max(words), "a" < "b", "a" < "B", "abc" < "abd", "abc" < "ab", "" < "a")
print("a" == "a", "a" != "A", "é" > "z", "\uffff" < "\U00010000", "ab" >= "ab", "B" <= "a")
t(lambda: "a" < 1)
t(lambda: "a" >= None)
t(lambda: "a" == 1)
