def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "hello world, hello python"
for sub in ["hello", "o", "xyz", "", "python", "n"]:
    print(sub, s.find(sub), s.rfind(sub), s.count(sub), s.find(sub, 5), s.rfind(sub, 0, 10), s.count(sub, 3, -3))
t(lambda: s.index("xyz"))
t(lambda: s.rindex("xyz"))
t(lambda: s.index("o", 5, 6))
t(lambda: s.index("world"))
t(lambda: "aaaa".count("aa"))
t(lambda: "".count(""))
t(lambda: "abc".count(""))
t(lambda: "abc".find("", 10))
t(lambda: "abc".find("", 3))
t(lambda: "abc".find("c", -1))
t(lambda: "abc".find("a", None, None))
t(lambda: "héllo".find("l"))
t(lambda: "héllo".rindex("l"))
t(lambda: s.startswith("hello"), )
t(lambda: s.startswith(("x", "hel")))
t(lambda: s.startswith("world", 6))
t(lambda: s.endswith("python"))
t(lambda: s.endswith(("py", "on"), 0, 10))
t(lambda: s.startswith(["a"]))
t(lambda: s.endswith(""))
t(lambda: "ab" in s, )
t(lambda: "" in "")
t(lambda: 1 in "abc")
