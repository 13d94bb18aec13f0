# print() looks up sys.stdout when it is called, so a program can redirect it.
import io
import sys

print("before")
saved = sys.stdout
buf = io.StringIO()
sys.stdout = buf
print("captured", 1, 2, sep="-", end="!\n")
print("second line")
sys.stdout = saved
print("got:", repr(buf.getvalue()))


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        self.parts.append("<flush>")


c = Collector()
sys.stdout = c
print("a", "b", sep=", ")
print()
print("x", end="")
print("flushed", flush=True)
sys.stdout = sys.__stdout__ if hasattr(sys, "__stdout__") else saved
print(c.parts)

# Explicit file= still wins over sys.stdout.
buf2 = io.StringIO()
sys.stdout = buf2
print("to stderr buffer", file=saved)
sys.stdout = saved
print("buf2:", repr(buf2.getvalue()))

# A stdout without write(): print raises AttributeError.
sys.stdout = object()
try:
    print("lost")
except AttributeError as e:
    sys.stdout = saved
    print("AttributeError:", e)
sys.stdout = saved

# contextlib.redirect_stdout is built on the same rebinding.
import contextlib

buf3 = io.StringIO()
with contextlib.redirect_stdout(buf3):
    print("inside redirect")
print("redirected:", repr(buf3.getvalue()))

# Tracebacks of uncaught exceptions go to sys.stderr at exit; the replaced
# stderr here collects one handled by hand through the same object.
err = io.StringIO()
sys.stderr = err
sys.stderr.write("note\n")
sys.stderr = sys.__stderr__ if hasattr(sys, "__stderr__") else saved
print("stderr got:", repr(err.getvalue()))
