"""Packing values into bytes: pack, unpack, unpack_from, pack_into,
iter_unpack, calcsize, Struct, error (engine: _repy_struct)."""

import _repy_struct

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from",
           "iter_unpack", "Struct", "error"]


class error(Exception):
    pass


def _call(f, *args):
    try:
        return f(*args)
    except ValueError as e:
        raise error(str(e)) from None


def calcsize(fmt):
    return _call(_repy_struct.calcsize, fmt)


def pack(fmt, *values):
    return _call(_repy_struct.pack, fmt, *values)


def unpack(fmt, buffer):
    return _call(_repy_struct.unpack, fmt, bytes(buffer))


def unpack_from(fmt, buffer, offset=0):
    if offset < 0:
        offset += len(buffer)
    return _call(_repy_struct.unpack, fmt, bytes(buffer), offset)


def pack_into(fmt, buffer, offset, *values):
    data = pack(fmt, *values)
    if offset < 0:
        offset += len(buffer)
    if offset + len(data) > len(buffer):
        raise error(f"pack_into requires a buffer of at least {offset + len(data)} "
                    f"bytes for packing {len(data)} bytes at offset {offset} "
                    f"(actual buffer size is {len(buffer)})")
    buffer[offset:offset + len(data)] = data


def iter_unpack(fmt, buffer):
    size = calcsize(fmt)
    if size == 0:
        raise error("cannot iteratively unpack with a struct of length 0")
    if len(buffer) % size:
        raise error(f"iterative unpacking requires a buffer of a multiple of {size} bytes")
    data = bytes(buffer)
    return (unpack(fmt, data[i:i + size]) for i in range(0, len(data), size))


class Struct:
    def __init__(self, format):
        self.format = format
        self.size = calcsize(format)

    def pack(self, *values):
        return pack(self.format, *values)

    def pack_into(self, buffer, offset, *values):
        return pack_into(self.format, buffer, offset, *values)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)

    def __repr__(self):
        return f"Struct({self.format!r})"
