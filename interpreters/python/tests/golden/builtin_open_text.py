import os
name = "_builtin_open_text.tmp"
with open(name, "w") as f:
    print(type(f).__name__, f.name, f.mode, f.closed)
    n = f.write("line one\nline two\n")
    print(n)
    f.write("third ☃\n")
    print("x", 1, file=f)
print(f.closed)
with open(name) as f:
    print(repr(f.read()))
with open(name, "r") as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
    print(repr(f.readline()), repr(f.read()))
with open(name) as f:
    print([l.rstrip("\n") for l in f])
with open(name, "a") as f:
    f.write("appended")
with open(name, encoding="utf-8") as f:
    print(f.read().splitlines()[-2:])
with open(name) as f:
    print(repr(f.read(4)), repr(f.read(6)))
f = open(name, "w")
f.writelines(["a\n", "b\n"])
f.close()
print(open(name).read().split())
try:
    f.write("closed")
except ValueError as e:
    print("ValueError", e)
try:
    open("_no_such_dir_/x.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e)
try:
    open(name, "rw")
except ValueError as e:
    print("ValueError", e)
try:
    open(name, "q")
except ValueError as e:
    print("ValueError", e)
try:
    with open(name) as f:
        f.write("x")
except Exception as e:
    print(type(e).__name__, e)
os.remove(name)
print(os.path.exists(name))
