import string, textwrap
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords("hello   big world"), string.capwords("a-b c-d", "-"))
t = string.Template("$who likes ${what}, $$5")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("bad $").substitute()
except ValueError as e:
    print("ValueError", e)
print(string.Template("$a $b $a").get_identifiers())
print(string.Formatter().format("{0}-{x}", 1, x=2))
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, 25))
print(textwrap.fill("supercalifragilisticexpialidocious is long", 10))
print(textwrap.wrap("well-known hyphen-ated words here", 12))
print(textwrap.shorten("Hello  world, how are you today?", 20))
print(textwrap.wrap("a b c", 70, initial_indent="* ", subsequent_indent="  "))
print(repr(textwrap.dedent("""
    def f():
        return 1
    """)))
print(repr(textwrap.indent("a\n\nb\n", "> ")))
print(textwrap.wrap(""), textwrap.wrap("   "))
