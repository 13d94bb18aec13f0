"""Time access and conversions: the clocks of the native `_time`, plus
struct_time, gmtime, localtime, mktime, strftime, asctime, ctime."""

from _time import (time, time_ns, perf_counter, perf_counter_ns, monotonic,
                   monotonic_ns, sleep, process_time, process_time_ns)
import _time

_FIELDS = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
           "tm_wday", "tm_yday", "tm_isdst")


class struct_time:
    """The time tuple: 9 items, plus tm_zone and tm_gmtoff as attributes."""

    n_sequence_fields = 9
    n_fields = 11

    def __init__(self, seq):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence "
                            f"({len(seq)}-sequence given)")
        if len(seq) > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence "
                            f"({len(seq)}-sequence given)")
        self._values = seq[:9]
        self.tm_zone = seq[9] if len(seq) > 9 else None
        self.tm_gmtoff = seq[10] if len(seq) > 10 else None

    def __getattr__(self, name):
        if name in _FIELDS:
            return self._values[_FIELDS.index(name)]
        raise AttributeError(f"'time.struct_time' object has no attribute '{name}'")

    def __getitem__(self, i):
        return self._values[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._values)

    def __eq__(self, other):
        return self._values == tuple(other)

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        body = ", ".join(f"{n}={v}" for n, v in zip(_FIELDS, self._values))
        return f"time.struct_time({body})"


def gmtime(secs=None):
    return struct_time(_time._gmtime(secs))


def localtime(secs=None):
    return struct_time(_time._localtime(secs))


def mktime(t):
    return _time._mktime(tuple(t))


def strftime(format, t=None):
    if t is None:
        t = localtime()
    return _time._strftime(format, tuple(t))


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
           "Nov", "Dec")


def asctime(t=None):
    if t is None:
        t = localtime()
    t = tuple(t)
    return (f"{_DAYS[t[6]]} {_MONTHS[t[1] - 1]} {t[2]:2d} "
            f"{t[3]:02d}:{t[4]:02d}:{t[5]:02d} {t[0]}")


def ctime(secs=None):
    return asctime(localtime(secs))


timezone = -localtime(0).tm_gmtoff if localtime(0).tm_gmtoff is not None else 0
altzone = timezone
daylight = 0
tzname = (localtime(0).tm_zone, localtime(0).tm_zone)
