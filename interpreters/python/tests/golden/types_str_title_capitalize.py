def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ["hello world", "HELLO WORLD", "hello-world's test_case", "o'neil mcdonald", "1st place 2nd", "élan vital", "ǳ digraph", "", "a", "ABC def GHI"]:
    print(repr(s), s.title(), s.capitalize(), s.title().istitle(), s.swapcase().swapcase() == s)
