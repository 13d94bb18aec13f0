"""Secure hashes: md5, sha1, sha224, sha256, sha384, sha512 and new(name),
on the RustCrypto crates (_repy_hashlib)."""

import _repy_hashlib

algorithms_guaranteed = frozenset(("md5", "sha1", "sha224", "sha256", "sha384",
                                   "sha512"))
algorithms_available = algorithms_guaranteed
__all__ = ("new", "algorithms_guaranteed", "algorithms_available", "md5",
           "sha1", "sha224", "sha256", "sha384", "sha512")

_SIZES = {"md5": (16, 64), "sha1": (20, 64), "sha224": (28, 64),
          "sha256": (32, 64), "sha384": (48, 128), "sha512": (64, 128)}


class _Hash:
    def __init__(self, name, data=b"", _state=None):
        self.name = name.lower()
        self._state = _repy_hashlib._new(self.name) if _state is None else _state
        self.digest_size, self.block_size = _SIZES[self.name]
        if data:
            self.update(data)

    def update(self, data):
        _repy_hashlib._update(self._state, data)

    def digest(self):
        return _repy_hashlib._digest(self._state)

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        return _Hash(self.name, _state=_repy_hashlib._copy(self._state))

    def __repr__(self):
        return f"<{self.name} _hashlib.HASH object @ {id(self):#x}>"


def new(name, data=b"", **kwargs):
    if not isinstance(name, str):
        raise TypeError(f"new() argument 'name' must be str, not {type(name).__name__}")
    if name.lower() not in _SIZES:
        raise ValueError(f"unsupported hash type {name}")
    return _Hash(name, data)


def md5(data=b"", **kwargs):
    return _Hash("md5", data)


def sha1(data=b"", **kwargs):
    return _Hash("sha1", data)


def sha224(data=b"", **kwargs):
    return _Hash("sha224", data)


def sha256(data=b"", **kwargs):
    return _Hash("sha256", data)


def sha384(data=b"", **kwargs):
    return _Hash("sha384", data)


def sha512(data=b"", **kwargs):
    return _Hash("sha512", data)
