samples = ["", "abc", "ABC", "Abc", "123", "١٢٣", "½", "²", "abc123", " ", "\t\n", "a b",
           "éç", "_x", "x_1", "1x", "class", "ⅷ", "\x00", "é", "中文", "hello!", "A1", "\u2028"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(),
          s.isspace(), s.isidentifier(), s.isprintable(), s.isascii(), s.islower(), s.isupper())
