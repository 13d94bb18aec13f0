"""In-memory text streams (a pure-Python subset of the io module)."""


class StringIO:
    """A text buffer with write/getvalue/read/readline, as io.StringIO."""

    def __init__(self, initial_value="", newline="\n"):
        self._parts = [initial_value] if initial_value else []
        self._pos = 0
        self.closed = False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        self._parts.append(s)
        return len(s)

    def getvalue(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        text = "".join(self._parts)
        self._parts = [text]
        return text

    def read(self, size=-1):
        text = self.getvalue()
        if size is None or size < 0:
            out = text[self._pos:]
        else:
            out = text[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def readline(self):
        text = self.getvalue()
        end = text.find("\n", self._pos)
        end = len(text) if end < 0 else end + 1
        out = text[self._pos:end]
        self._pos = end
        return out

    def seek(self, pos, whence=0):
        self._pos = pos
        return pos

    def tell(self):
        return self._pos

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192
open = open  # noqa: A001  (the builtin, as io.open)


class UnsupportedOperation(OSError, ValueError):
    pass


class BytesIO:
    """An in-memory binary stream over a bytearray, with a position:
    read, read1, readline(s), write (overwrites, extends), seek, tell,
    truncate, getvalue, getbuffer-free."""

    def __init__(self, initial_bytes=b""):
        self._buf = bytearray(initial_bytes)
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def write(self, b):
        self._check()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        end = self._pos + len(data)
        if self._pos > len(self._buf):
            self._buf.extend(b"\x00" * (self._pos - len(self._buf)))
        self._buf[self._pos:end] = data
        self._pos = end
        return len(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        out = bytes(self._buf[self._pos:end])
        self._pos = max(self._pos, end)
        return out

    read1 = read

    def readline(self, size=-1):
        self._check()
        end = self._buf.find(b"\n", self._pos)
        end = len(self._buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = bytes(self._buf[self._pos:end])
        self._pos = max(self._pos, end)
        return out

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"negative size value {size}")
        del self._buf[size:]
        return size

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
