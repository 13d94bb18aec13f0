"""Regular expressions on repy's engine (_repy_re, the Rust `regex` crate):
compile, search, match, fullmatch, findall, finditer, sub, subn, split,
escape, Pattern and Match objects. Not supported (re.error says so):
backreferences and lookaround; `$` without MULTILINE matches only at the
very end of the string."""

import _repy_re

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall",
           "finditer", "compile", "purge", "escape", "error", "Pattern",
           "Match", "A", "I", "L", "M", "S", "X", "U", "ASCII", "IGNORECASE",
           "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE", "NOFLAG"]

NOFLAG = 0
I = IGNORECASE = 2
L = LOCALE = 4
M = MULTILINE = 8
S = DOTALL = 16
U = UNICODE = 32
X = VERBOSE = 64
A = ASCII = 256
_FLAG_NAMES = [(IGNORECASE, "re.IGNORECASE"), (LOCALE, "re.LOCALE"),
               (MULTILINE, "re.MULTILINE"), (DOTALL, "re.DOTALL"),
               (UNICODE, "re.UNICODE"), (VERBOSE, "re.VERBOSE"),
               (ASCII, "re.ASCII")]


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = self.colno = None
        if pattern is not None and pos is not None:
            msg = f"{msg} at position {pos}"
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = f"{msg} (line {self.lineno}, column {self.colno})"
        Exception.__init__(self, msg)


PatternError = error


class Pattern:
    def __init__(self, pattern, flags):
        if isinstance(pattern, (bytes, bytearray)):
            raise error("bytes patterns are not supported by repy's re")
        self.pattern = pattern
        self.flags = flags | (0 if flags & ASCII else UNICODE)
        try:
            self._h = _repy_re._compile(pattern, flags)
        except ValueError as e:
            raise error(str(e), pattern) from None
        self.groups, self.groupindex = _repy_re._info(self._h)

    def __repr__(self):
        shown = [name for bit, name in _FLAG_NAMES
                 if self.flags & bit and bit != UNICODE]
        text = repr(self.pattern)
        if len(text) > 200:
            text = text[:200]
        if shown:
            return f"re.compile({text}, {'|'.join(shown)})"
        return f"re.compile({text})"

    def __eq__(self, other):
        return (isinstance(other, Pattern) and self.pattern == other.pattern
                and self.flags == other.flags)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _run(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        if pos < 0:
            pos = 0
        spans = _repy_re._search(self._h, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=None):
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        must_advance = False
        while pos <= endpos:
            spans = _repy_re._search(self._h, string, pos, endpos, 0)
            if spans is None:
                return
            start, end = spans[0]
            if must_advance and start == end == pos:
                # No second empty match where the last one was.
                if pos >= endpos:
                    return
                spans = _repy_re._search(self._h, string, pos + 1, endpos, 0)
                if spans is None:
                    return
                start, end = spans[0]
            yield Match(self, string, pos, endpos, spans)
            must_advance = start == end
            pos = end

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                g = m.group(1)
                out.append("" if g is None else g)
            else:
                out.append(tuple("" if g is None else g for g in m.groups()))
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            expand = repl
        else:
            template = _parse_template(repl, self)
            expand = lambda m: _expand_template(template, m)  # noqa: E731
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            out.append(string[last:m.start()])
            piece = expand(m)
            if not isinstance(piece, str):
                raise TypeError(f"expected str instance, {type(piece).__name__} found")
            out.append(piece)
            last = m.end()
            n += 1
        out.append(string[last:])
        return "".join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            out.append(string[last:m.start()])
            out.extend(m.groups())
            last = m.end()
            n += 1
        out.append(string[last:])
        return out

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError("Pattern.scanner is not supported by repy's re")


class Match:
    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans
        last = None
        best_end = -1
        for i in range(1, len(spans)):
            s, e = spans[i]
            if s >= 0 and e >= best_end:
                # lastindex: the group that closed last (the outermost of
                # groups ending at the same place opened first).
                if e > best_end or last is None:
                    last = i
                best_end = e
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, i in pattern.groupindex.items():
                if i == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, str):
            try:
                return self.re.groupindex[g]
            except KeyError:
                raise IndexError("no such group") from None
        if isinstance(g, int) and not isinstance(g, bool) and 0 <= g < len(self._spans):
            return g
        raise IndexError("no such group")

    def group(self, *groups):
        if not groups:
            groups = (0,)
        values = []
        for g in groups:
            s, e = self._spans[self._index(g)]
            values.append(None if s < 0 else self.string[s:e])
        return values[0] if len(values) == 1 else tuple(values)

    def __getitem__(self, g):
        return self.group(g)

    def groups(self, default=None):
        return tuple(default if s < 0 else self.string[s:e]
                     for s, e in self._spans[1:])

    def groupdict(self, default=None):
        out = {}
        for name, i in self.re.groupindex.items():
            s, e = self._spans[i]
            out[name] = default if s < 0 else self.string[s:e]
        return out

    def start(self, g=0):
        return self._spans[self._index(g)][0]

    def end(self, g=0):
        return self._spans[self._index(g)][1]

    def span(self, g=0):
        return tuple(self._spans[self._index(g)])

    @property
    def regs(self):
        return tuple(tuple(s) for s in self._spans)

    def expand(self, template):
        return _expand_template(_parse_template(template, self.re), self)

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<re.Match object; span={self.span()!r}, match={self.group(0)!r}>"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
            "b": "\b", "\\": "\\"}


def _parse_template(repl, pattern):
    # A list of literal strings and group indices.
    parts = []
    literal = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)", repl, i)
        d = repl[i + 1]
        if d == "g":
            end = repl.find(">", i + 3)
            if i + 2 >= n or repl[i + 2] != "<" or end < 0:
                raise error("missing <", repl, i + 2)
            name = repl[i + 3:end]
            if name.isdigit():
                index = int(name)
                if index > pattern.groups:
                    raise error(f"invalid group reference {index}", repl, i + 3)
            elif name in pattern.groupindex:
                index = pattern.groupindex[name]
            elif name.isidentifier():
                raise IndexError(f"unknown group name '{name}'")
            else:
                raise error(f"bad character in group name '{name}'", repl, i + 3)
            parts.append("".join(literal))
            literal = []
            parts.append(index)
            i = end + 1
        elif d.isdigit():
            j = i + 1
            while j < n and j < i + 3 and repl[j].isdigit():
                j += 1
            index = int(repl[i + 1:j])
            if index > pattern.groups:
                raise error(f"invalid group reference {index}", repl, i + 1)
            parts.append("".join(literal))
            literal = []
            parts.append(index)
            i = j
        elif d in _ESCAPES:
            literal.append(_ESCAPES[d])
            i += 2
        elif d.isalpha():
            raise error(f"bad escape \\{d}", repl, i)
        else:
            literal.append("\\" + d)
            i += 2
    parts.append("".join(literal))
    return parts


def _expand_template(parts, m):
    out = []
    for p in parts:
        if isinstance(p, int):
            g = m.group(p)
            if g is not None:
                out.append(g)
        else:
            out.append(p)
    return "".join(out)


_cache = {}


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= 512:
            _cache.clear()
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    if isinstance(pattern, str):
        return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
    raise TypeError("escape() of bytes is not supported by repy's re")
