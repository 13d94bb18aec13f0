"""Typed arrays of numbers (a pure-Python subset of the array module)."""

_RANGES = {
    "b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
    "i": (-2147483648, 2147483647), "I": (0, 4294967295),
    "l": (-9223372036854775808, 9223372036854775807), "L": (0, 18446744073709551615),
    "q": (-9223372036854775808, 9223372036854775807), "Q": (0, 18446744073709551615),
}
_SIZES = {"b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8, "Q": 8, "f": 4, "d": 8}
typecodes = "bBuhHiIlLqQfd"


class array:
    """array(typecode[, initializer]): a list of numbers of one C type."""

    def __init__(self, typecode, initializer=()):
        if typecode not in _SIZES:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        self._items = []
        for v in initializer:
            self.append(v)

    def _check(self, v):
        if self.typecode in "fd":
            return float(v)
        if not isinstance(v, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
        lo, hi = _RANGES[self.typecode]
        if v < lo or v > hi:
            raise OverflowError("unsigned byte integer is greater than maximum" if v > hi else "signed char is less than minimum")
        return v

    def append(self, v):
        self._items.append(self._check(v))

    def extend(self, values):
        for v in values:
            self.append(v)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return array(self.typecode, self._items[i])
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = self._check(v)

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        return isinstance(other, array) and self._items == other._items

    def tolist(self):
        return list(self._items)

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self.typecode
        return "array('%s', %r)" % (self.typecode, self._items)
