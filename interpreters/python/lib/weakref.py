"""Weak references on retrace-gc's weak cells: ref, proxy, getweakrefcount
(approximate), WeakValueDictionary, WeakKeyDictionary, WeakSet, finalize.
Targets are only known dead after a collection (gc.collect()) and the stack
is scanned conservatively, so an object may outlive its last reference a
little longer than in CPython."""

import _weakref
import gc as _gc

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize", "ReferenceType"]


class ref:
    __slots__ = ("_index", "_data", "_hash", "__callback__")

    def __init__(self, obj, callback=None):
        data = None if callback is None else [callback, None]
        self._index = _weakref._new(obj, data)
        if data is not None:
            data[1] = self
        self._data = data
        self._hash = None
        self.__callback__ = callback

    def __call__(self):
        return _weakref._get(self._index)

    def __hash__(self):
        if self._hash is None:
            obj = self()
            if obj is None:
                raise TypeError("weak object has gone away")
            self._hash = hash(obj)
        return self._hash

    def __eq__(self, other):
        if not isinstance(other, ref):
            return NotImplemented
        a, b = self(), other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __repr__(self):
        obj = self()
        if obj is None:
            return f"<weakref at {id(self):#x}; dead>"
        return f"<weakref at {id(self):#x}; to '{type(obj).__name__}' at {id(obj):#x}>"


ReferenceType = ref


class WeakMethod(ref):
    __slots__ = ("_func_ref", "_meth_type")

    def __init__(self, meth, callback=None):
        ref.__init__(self, meth.__self__, callback)
        self._func_ref = meth.__func__
        self._meth_type = type(meth)

    def __call__(self):
        obj = ref.__call__(self)
        if obj is None:
            return None
        # Bind again through the attribute of the same name.
        return getattr(obj, self._func_ref.__name__)


def proxy(obj, callback=None):
    r = ref(obj, callback)

    class _Proxy:
        def __getattr__(self, name):
            target = r()
            if target is None:
                raise ReferenceError("weakly-referenced object no longer exists")
            return getattr(target, name)
    return _Proxy()


def getweakrefcount(obj):
    return 0


def getweakrefs(obj):
    return []


class WeakValueDictionary:
    def __init__(self, other=(), **kw):
        self._data = {}
        self.update(other, **kw)

    def _live(self):
        return [(k, v) for k, r in list(self._data.items()) if (v := r()) is not None]

    def __getitem__(self, key):
        v = self._data[key]()
        if v is None:
            raise KeyError(key)
        return v

    def __setitem__(self, key, value):
        self._data[key] = ref(value)

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        r = self._data.get(key)
        return r is not None and r() is not None

    def __len__(self):
        return len(self._live())

    def __iter__(self):
        return iter([k for k, _ in self._live()])

    def get(self, key, default=None):
        r = self._data.get(key)
        v = None if r is None else r()
        return default if v is None else v

    def keys(self):
        return [k for k, _ in self._live()]

    def values(self):
        return [v for _, v in self._live()]

    def items(self):
        return self._live()

    def pop(self, key, *default):
        try:
            v = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self._data[key]
        return v

    def setdefault(self, key, default=None):
        v = self.get(key)
        if v is None:
            self[key] = default
            return default
        return v

    def update(self, other=(), **kw):
        items = other.items() if hasattr(other, "items") else other
        for k, v in items:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def __repr__(self):
        return f"<WeakValueDictionary at {id(self):#x}>"


class WeakKeyDictionary:
    def __init__(self, other=None):
        self._data = {}
        if other is not None:
            for k, v in (other.items() if hasattr(other, "items") else other):
                self[k] = v

    def _live(self):
        return [(k, v) for r, v in list(self._data.items()) if (k := r()) is not None]

    def __setitem__(self, key, value):
        self._data[ref(key)] = value

    def __getitem__(self, key):
        return self._data[ref(key)]

    def __delitem__(self, key):
        del self._data[ref(key)]

    def __contains__(self, key):
        try:
            return ref(key) in self._data
        except TypeError:
            return False

    def __len__(self):
        return len(self._live())

    def __iter__(self):
        return iter([k for k, _ in self._live()])

    def get(self, key, default=None):
        return self._data.get(ref(key), default)

    def keys(self):
        return [k for k, _ in self._live()]

    def values(self):
        return [v for _, v in self._live()]

    def items(self):
        return self._live()

    def pop(self, key, *default):
        return self._data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self._data.setdefault(ref(key), default)


class WeakSet:
    def __init__(self, data=None):
        self._data = {}
        if data is not None:
            for x in data:
                self.add(x)

    def add(self, item):
        self._data[ref(item)] = None

    def discard(self, item):
        self._data.pop(ref(item), None)

    def remove(self, item):
        del self._data[ref(item)]

    def __contains__(self, item):
        try:
            return ref(item) in self._data
        except TypeError:
            return False

    def __iter__(self):
        return iter([x for r in list(self._data) if (x := r()) is not None])

    def __len__(self):
        return sum(1 for _ in self)


class finalize:
    """Call func(*args, **kwargs) when obj dies (noticed at a collection)
    or when the finalizer is called, at most once."""

    def __init__(self, obj, func, /, *args, **kwargs):
        self._call = (func, args, kwargs)
        self.atexit = True
        self._ref = ref(obj, self._on_death)

    def _on_death(self, _ref):
        self()

    def __call__(self, _=None):
        call, self._call = self._call, None
        if call is not None:
            func, args, kwargs = call
            return func(*args, **kwargs)

    def detach(self):
        call, self._call = self._call, None
        obj = self._ref()
        if call is not None and obj is not None:
            return (obj, call[0], call[1], call[2])

    def peek(self):
        obj = self._ref()
        if self._call is not None and obj is not None:
            return (obj, self._call[0], self._call[1], self._call[2])

    @property
    def alive(self):
        return self._call is not None
