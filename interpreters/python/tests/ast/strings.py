# String and bytes literals, escapes, prefixes, implicit concatenation.
a = 'single'; b = "double"; c = '''triple
line'''; d = """triple "double" """
e = 'it\'s'; f = "it's"; g = 'say "hi"'; h = 'both \' and "'
i = '\n\t\r\\\a\b\f\v\0\x41\101\u00e9\U0001F600\N{GREEK SMALL LETTER ALPHA}\N{EM SPACE}'
j = r'\n raw \d'; k = R"raw"; l = rb'\x00'; m = BR"x"; n = Rb'y'
o = b'bytes\x00\xff\n\'"'; p = b"\\"; q = b'\101\7'
r = 'implicit' "concat" '''enation'''; s = b'a' b'b'
t = u'unicode'; u = U'x' 'y'; v = 'x' u'y'
w = 'unknown \q escape'; x = '\
continued'
y = 'é ü 中文 😀 \x7f \x80 \xa0 \u200b \ud800 \U000e0001'
z = ''; aa = b''; bb = """a\r\nb"""
