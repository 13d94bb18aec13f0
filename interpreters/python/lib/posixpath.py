"""Path operations on POSIX paths (os.path)."""

import posix as _posix

__all__ = ["abspath", "basename", "commonpath", "commonprefix", "dirname",
           "exists", "expanduser", "expandvars", "getsize", "getmtime",
           "isabs", "isdir", "isfile", "islink", "join", "lexists",
           "normcase", "normpath", "realpath", "relpath", "samefile", "split",
           "splitdrive", "splitext", "sep", "curdir", "pardir", "pathsep"]

sep = "/"
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"
supports_unicode_filenames = False


def _fspath(p):
    if isinstance(p, str):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        f"{type(p).__name__}")
    return f(p)


def normcase(s):
    return _fspath(s)


def isabs(s):
    return _fspath(s).startswith("/")


def join(a, *p):
    path = _fspath(a)
    for b in map(_fspath, p):
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ""


def splitdrive(p):
    return "", _fspath(p)


def basename(p):
    p = _fspath(p)
    return p[p.rfind("/") + 1:]


def dirname(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head = p[:i]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head


def _stat(p):
    try:
        return _posix.stat(_fspath(p))
    except (OSError, ValueError):
        return None


def exists(p):
    return _stat(p) is not None


def lexists(p):
    try:
        _posix.stat(_fspath(p), follow_symlinks=False)
    except (OSError, ValueError):
        return False
    return True


def isdir(p):
    st = _stat(p)
    return st is not None and st[0] & 0o170000 == 0o040000


def isfile(p):
    st = _stat(p)
    return st is not None and st[0] & 0o170000 == 0o100000


def islink(p):
    try:
        st = _posix.stat(_fspath(p), follow_symlinks=False)
    except (OSError, ValueError):
        return False
    return st[0] & 0o170000 == 0o120000


def getsize(p):
    return _posix.stat(_fspath(p))[6]


def getmtime(p):
    return _posix.stat(_fspath(p))[8]


def getatime(p):
    return _posix.stat(_fspath(p))[7]


def getctime(p):
    return _posix.stat(_fspath(p))[9]


def samefile(a, b):
    sa, sb = _posix.stat(_fspath(a)), _posix.stat(_fspath(b))
    return sa[1] == sb[1] and sa[2] == sb[2]


def normpath(path):
    path = _fspath(path)
    if not path:
        return "."
    initial = 1 if path.startswith("/") else 0
    if initial and path.startswith("//") and not path.startswith("///"):
        initial = 2
    comps = path.split("/")
    new = []
    for comp in comps:
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial and not new) or (new and new[-1] == ".."):
            new.append(comp)
        elif new:
            new.pop()
    path = "/".join(new)
    if initial:
        path = "/" * initial + path
    return path or "."


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        path = join(_posix.getcwd(), path)
    return normpath(path)


def realpath(path, *, strict=False):
    path = abspath(path)
    parts = path.split("/")[1:]
    resolved = "/"
    seen = 0
    i = 0
    while i < len(parts):
        part = parts[i]
        i += 1
        candidate = join(resolved, part)
        if islink(candidate) and seen < 40:
            seen += 1
            target = _posix.readlink(candidate)
            if target.startswith("/"):
                resolved = "/"
            rest = [p for p in target.split("/") if p]
            parts[i:i] = rest
            continue
        resolved = normpath(candidate)
    return resolved


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    start = curdir if start is None else _fspath(start)
    start_list = [x for x in abspath(start).split("/") if x]
    path_list = [x for x in abspath(path).split("/") if x]
    i = 0
    while i < min(len(start_list), len(path_list)) and start_list[i] == path_list[i]:
        i += 1
    rel = [pardir] * (len(start_list) - i) + path_list[i:]
    return join(*rel) if rel else curdir


def expanduser(path):
    path = _fspath(path)
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i == 1:
        home = _posix.environ.get("HOME")
        if home is None:
            return path
    else:
        return path
    home = home.rstrip("/") or "/"
    return home + path[i:]


def expandvars(path):
    path = _fspath(path)
    if "$" not in path:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        if i + 1 < n and path[i + 1] == "{":
            end = path.find("}", i + 2)
            if end < 0:
                out.append(path[i:])
                break
            name = path[i + 2:end]
            j = end + 1
        else:
            j = i + 1
            while j < n and (path[j].isalnum() or path[j] == "_"):
                j += 1
            name = path[i + 1:j]
        if name and name in _posix.environ:
            out.append(_posix.environ[name])
        else:
            out.append(path[i:j] if name else "$")
            if not name:
                j = i + 1
        i = j
    return "".join(out)


def commonprefix(m):
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    paths = [_fspath(p) for p in paths]
    absolute = {p.startswith("/") for p in paths}
    if len(absolute) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    split_paths = [[c for c in p.split("/") if c and c != "."] for p in paths]
    common = commonprefix(split_paths)
    prefix = "/" if paths[0].startswith("/") else ""
    return prefix + "/".join(common)
