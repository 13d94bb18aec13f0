name = "_builtin_open_binary.tmp"
with open(name, "wb") as f:
    print(f.write(b"\x00\x01abc\xff"))
with open(name, "rb") as f:
    data = f.read()
print(data, len(data), data[0], data[-1], type(data).__name__)
with open(name, "rb") as f:
    print(f.read(2), f.read(), f.read())
try:
    with open(name, "wb") as f:
        f.write("text")
except TypeError as e:
    print("TypeError", e)
import os
os.remove(name)
