for src in ["1 +", "x = = 2", "def f(:\n    pass", "a b"]:
    try:
        compile(src, "demo/file.py", "exec")
    except SyntaxError as e:
        print(type(e).__name__, "|", e.msg, "|", e.filename, e.lineno, repr(e.text))
        print("  str:", str(e))
try:
    eval("if")
except SyntaxError as e:
    print(str(e), e.lineno)
try:
    exec("def g():\n  return 1\n    x = 2")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno)
e = SyntaxError("custom")
print(str(e), e.msg, e.lineno)
e2 = SyntaxError("m", ("f.py", 3, 4, "bad line\n", 3, 5))
print(str(e2), e2.filename, e2.lineno, e2.offset, repr(e2.text), e2.end_offset, e2.args[0])
class MySyntax(SyntaxError):
    pass
print(str(MySyntax("mine", ("x/y.py", 2, 1, "t", 2, 2))))
