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
