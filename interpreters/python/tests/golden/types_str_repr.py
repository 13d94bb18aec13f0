for s in ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\n", "cr\r",
          "nul\x00", "bell\x07", "del\x7f", "\x80\x9f", "é", "日本語", "\u200b", "\ud7ff",
          "emoji \U0001f600", "back\\slash", "\x1b[0m", "\u2028", "\xa0", "\xad", "\U000e0001", "\ufeff"]:
    print(repr(s), ascii(s), len(s))
print(repr("'"), repr('"'), repr("'\""), str("'\""))
print(["a'b", 'a"b'], ("x",), {"k": "v"})
