def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "aaaaaa"
print(s.count("a"), s.count("aa"), s.count("aaa"), s.count(""), s.count("a", 2), s.count("a", 2, 4), s.count("a", -2))
print("abcabcabc".count("abc"), "abcabcabc".count("bca"), "mississippi".count("ss"), "mississippi".count("i", 3, 8))
print("aaa".find("aa"), "aaa".rfind("aa"), "aaa".replace("aa", "b"), "aaaa".split("aa"), "a,b,,".split(","))
