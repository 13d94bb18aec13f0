import re
m = re.match(r"(\w+) (\w+)", "Isaac Newton, physicist")
print(m, m.group(0), m.group(1, 2), m[2], m.groups(), m.span(), m.start(2), m.end(1), m.lastindex)
print(re.search(r"\d+", "abc 123 def 45"), re.search(r"x", "abc"), re.match(r"b", "abc"), re.fullmatch(r"a|ab", "ab"))
m = re.search(r"(?P<year>\d{4})-(?P<month>\d\d)(-(?P<day>\d\d))?", "on 2024-05 ok")
print(m.groupdict(), m.group("year"), m.groups(), m.groups("-"), m.lastgroup, re.compile(r"(?P<a>x)").groupindex)
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)=(\d)", "a=1, b=2"), re.findall(r"(a)|b", "ab"), re.findall(r"x*", "axb"))
print([m.span() for m in re.finditer(r"\w+", "hi there you")])
print(re.sub(r"\s+", " ", "a   b \t c"), re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@home you@work"), re.sub(r"x*", "-", "abxd"))
print(re.sub(r"(?P<w>\w+)", r"<\g<w>>", "a b"), re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"), re.subn("a", "b", "aaa", count=2))
print(re.split(r",\s*", "a, b,c ,d"), re.split(r"(,)", "a,b"), re.split(r"\W+", "Words, words, words.", maxsplit=1), re.split(r"x*", "abc"))
print(re.findall(r"(?i)hello", "Hello HELLO hello"), re.findall("^a", "a\na", re.M), re.findall(".", "a\nb", re.S), re.findall(r"\w+", "héllo wörld"))
print(re.findall(r"\w+", "héllo wörld", re.ASCII), re.search(r"[^a-c]+", "abcdef").group(), re.search(r"[]a]+", "x]a]y").group())
p = re.compile(r"""
    (\d+)   # number
    \s*     # spaces
    ([a-z]+) # unit
""", re.VERBOSE)
print(p.findall("10 kg, 5m"), p.groups, p.pattern.count("\n"), repr(re.compile("a", re.I | re.M)), repr(re.compile("x")))
print(re.escape("a.b*c?(d)"), re.escape("plain_text"), re.match("a", "ba", ) is None, re.compile("b").match("ab", 1))
print(re.search("^b", "ab"), re.search("a$", "ba"), re.search(r"\bfoo\b", "a foo b").span(), re.search(r"é+", "xéé").span())
print(re.compile(r"\d").search("a1b2", 2), re.compile(r"\d+").fullmatch("12a", 0, 2))
m = re.match(r"(a)(b)?", "ac"); print(m.groups(), m.group(2), m.span(2), m.expand(r"[\1]"))
for bad in [r"(", r"[a-", r"a{2,1}", r"\1(a)"]:
    try:
        re.compile(bad)
        print("compiled", bad)
    except re.error as e:
        print("re.error for", bad)
try:
    re.sub("a", r"\3", "a")
except re.error as e:
    print("re.error", e)
try:
    re.match("a", "a").group(5)
except IndexError as e:
    print("IndexError", e)
print(bool(re.match("", "")), re.findall("", "ab"), re.sub("", "-", "ab"))
