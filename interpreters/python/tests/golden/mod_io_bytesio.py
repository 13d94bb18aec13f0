import io
b = io.BytesIO(b"hello\nworld\n")
print(b.read(3), b.tell(), b.readline(), b.read(), b.read(), b.tell())
b.seek(0); print(b.readlines())
b.seek(2); b.write(b"XY"); print(b.getvalue(), b.tell())
b.seek(0, io.SEEK_END); b.write(b"!"); print(b.getvalue())
b.seek(20); b.write(b"z"); print(b.getvalue())
print(b.truncate(5), b.getvalue(), b.seek(-2, 2), b.read())
try:
    b.write("text")
except TypeError as e:
    print("TypeError", e)
with io.BytesIO() as w:
    w.write(b"abc"); w.writelines([b"d", b"e"]); print(w.getvalue(), w.closed)
print(w.closed)
try:
    w.getvalue()
except ValueError as e:
    print("ValueError", e)
s = io.StringIO()
s.write("a"); s.write("b")
print(s.getvalue(), io.SEEK_CUR)
