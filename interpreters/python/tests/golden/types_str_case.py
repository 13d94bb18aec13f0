for s in ["hello world", "Hello World", "HELLO", "hELLO wORLD", "ß", "straße", "ǅungla", "ﬁre", "İstanbul", "123abc", "", "a1b2", "Σίσυφος", "ΣΑΣ", "they're bill's"]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
    print(s.isupper(), s.islower(), s.istitle())
