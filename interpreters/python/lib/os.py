"""Operating-system interfaces (the common part of CPython's os), on the
native `posix` module."""

import sys
from posix import *  # noqa: F401,F403
from posix import environ as _environ_dict, putenv as _putenv, unsetenv as _unsetenv
import posix as _posix
import posixpath as path

sys.modules["os.path"] = path

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
curdir = "."
pardir = ".."
linesep = "\n"
devnull = "/dev/null"
defpath = "/bin:/usr/bin"
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
F_OK, X_OK, W_OK, R_OK = 0, 1, 2, 4
error = OSError


class _Environ(dict):
    """os.environ: a dict whose changes reach the process environment."""

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f"str expected, not {type(key).__name__}")
        if not isinstance(value, str):
            raise TypeError(f"str expected, not {type(value).__name__}")
        _putenv(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        _unsetenv(key)

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, value=None):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, other=(), **kw):
        for k, v in dict(other, **kw).items():
            self[k] = v

    def copy(self):
        return dict(self)

    def __repr__(self):
        return f"environ({dict.__repr__(self)})"


environ = _Environ(_environ_dict)


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _putenv(key, value)


def unsetenv(key):
    _unsetenv(key)


class stat_result:
    __slots__ = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
                 "st_size", "st_atime", "st_mtime", "st_ctime")

    def __init__(self, values):
        for name, v in zip(self.__slots__, values):
            object.__setattr__(self, name, v)

    def __getitem__(self, i):
        values = (self.st_mode, self.st_ino, self.st_dev, self.st_nlink,
                  self.st_uid, self.st_gid, self.st_size, int(self.st_atime),
                  int(self.st_mtime), int(self.st_ctime))
        return values[i]

    def __len__(self):
        return 10

    def __repr__(self):
        parts = ", ".join(f"{n}={self[i]!r}" for i, n in enumerate(self.__slots__))
        return f"os.stat_result({parts})"


def stat(p, *, follow_symlinks=True):
    return stat_result(_posix.stat(fspath(p), follow_symlinks=follow_symlinks))


def lstat(p):
    return stat_result(_posix.stat(fspath(p), follow_symlinks=False))


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        f"{type(p).__name__}")
    return f(p)


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def access(p, mode):
    try:
        st = stat(p)
    except OSError:
        return False
    if mode == F_OK:
        return True
    bits = 0
    if mode & R_OK:
        bits |= 0o444
    if mode & W_OK:
        bits |= 0o222
    if mode & X_OK:
        bits |= 0o111
    return bool(st.st_mode & bits)


class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        self.path = path.join(dirpath, name)

    def is_dir(self, *, follow_symlinks=True):
        return path.isdir(self.path)

    def is_file(self, *, follow_symlinks=True):
        return path.isfile(self.path)

    def is_symlink(self):
        return path.islink(self.path)

    def stat(self, *, follow_symlinks=True):
        return stat(self.path, follow_symlinks=follow_symlinks)

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"


class _ScandirIterator:
    def __init__(self, entries):
        self._it = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def close(self):
        pass


def scandir(p="."):
    p = fspath(p)
    return _ScandirIterator([DirEntry(p, n) for n in listdir(p)])


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for n in names:
        (dirs if path.isdir(path.join(top, n)) else nondirs).append(n)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        new = path.join(top, d)
        if followlinks or not path.islink(new):
            yield from walk(new, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs


def get_terminal_size(fd=1):
    columns = int(environ.get("COLUMNS", 80))
    lines = int(environ.get("LINES", 24))
    return terminal_size((columns, lines))


class terminal_size:
    def __init__(self, values):
        self.columns, self.lines = values

    def __iter__(self):
        return iter((self.columns, self.lines))

    def __repr__(self):
        return f"os.terminal_size(columns={self.columns}, lines={self.lines})"
