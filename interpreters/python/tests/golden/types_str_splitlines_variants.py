def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

texts = ["", "\n", "a", "a\n", "a\n\nb", "a\r\nb\rc\n", "\r\n\r\n", "x\x0by\x0cz", "p\x1cq\x1dr\x1es", "u\x85v\u2028w\u2029x", "no newline"]
for s in texts:
    print(repr(s), s.splitlines(), s.splitlines(True), s.split("\n"))
