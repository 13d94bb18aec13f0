data = [3, 8, 1, 9, 4]
print([y for x in data if (y := x * 2) > 6], y)
total = 0
print([total := total + x for x in data], total)
print({(m := x % 3): x for x in data}, m)
print(any((hit := x) > 8 for x in data), hit)
def inner_scope():
    [last := c for c in "abc"]
    return last
print(inner_scope())
def nested():
    res = [[(z := i * j) for j in range(3)] for i in range(3)]
    return res, z
print(nested())
class K:
    vals = [1, 2]
    try:
        exec("out = [(q := v) for v in vals]")
    except SyntaxError as e:
        print("SyntaxError:", e)
for src in ["[i := 0 for i in range(3)]", "[x for x in (y := [1])]",
            "[(j := 1) for j in range(3)]", "(a := 1) := 2", "def f(): x := 1",
            "[x for x in range(3) if (x := 1)]"]:
    try:
        compile(src, "<w>", "exec")
        print("ok", src)
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
if (n := len(data)) > 3:
    print("long", n)
while (chunk := data[:2]):
    data = data[2:]
    print(chunk)
print(f"{(w := 5)} {w * 2}")
print((lambda: (v := 7) + v)())
