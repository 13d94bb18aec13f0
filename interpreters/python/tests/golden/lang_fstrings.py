name = "world"
w = 7
print(f"hello {name}!", f"{name!r}", f"{w:>{w}}|", f"{w:{'0'}3}", f"{{braces}}", f"{3 + 4 = }")
print(f"{name.upper():*^11}", f"{[1, 2][1]}", f"{'nested ' + f'{w}'}", f"{w * 2:#b}")
d = {"k": "v"}
print(f"{d['k']}", f"{len(d)}", f'{"q"}', f"""{
w}""")
x = 3.14159
print(f"{x:.3}", f"{x:10.2f}|", f"{x:e}", f"{-x:+.1f}", f"{1234567:,}", f"{0.25:.0%}")
print(f"{'a'!a}", f"{'é'!a}", f"{name=}", f"{w=:>4}")
