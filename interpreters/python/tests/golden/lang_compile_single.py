# compile(..., "single") echoes expression statements through sys.displayhook
import builtins
import sys

exec(compile("1 + 2", "<single>", "single"))
exec(compile("a = 5; a * 2", "<single>", "single"))
exec(compile("None", "<single>", "single"))
exec(compile("'text'", "<single>", "single"))
print("underscore:", builtins._)
exec(compile("if 1:\n  5\n  [6, 'x']\n", "<single>", "single"))
print("underscore:", builtins._)
exec(compile("for i in range(3): i * 10\n", "<single>", "single"))
exec(compile("def f():\n  7\n", "<single>", "single"))
print(f())
code = compile("(lambda: 99)()", "<single>", "single")
print(type(code).__name__)
exec(code)
exec(code, {})

seen = []
sys.displayhook = seen.append
exec(compile("{'k': 1}", "<single>", "single"))
exec(compile("None", "<single>", "single"))
sys.displayhook = sys.__displayhook__
print(seen)
class Loud:
    def __repr__(self):
        return "Loud()"
exec(compile("Loud()", "<single>", "single"))
print(builtins._)
for src in ["a = 1\nb = 2", "x = (", "1 +"]:
    try:
        compile(src, "<single>", "single")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
try:
    compile("1", "<single>", "bogus")
except ValueError as e:
    print("ValueError:", e)
print(builtins.len is len, builtins.__name__, builtins.print is print)
builtins.injected = "seen everywhere"
print(injected)
del builtins.injected
try:
    injected
except NameError as e:
    print("NameError:", e)
