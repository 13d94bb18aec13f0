def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "filename.tar.gz"
print(s.endswith((".gz", ".zip")), s.endswith((".zip", ".rar")), s.startswith(("file", "dir")), s.startswith(()))
print(s.startswith("name", 4), s.startswith("name", 4, 7), s.endswith("tar", 0, -3), s.endswith("", 100), s.startswith("", 15), s.startswith("", 16))
t(lambda: s.startswith(("a", 1)))
t(lambda: s.endswith(None))
t(lambda: s.startswith("f", "0"))
