"""Shallow and deep copies (copy.copy, copy.deepcopy)."""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, complex, str, bytes, type, range,
           type(Ellipsis), type(NotImplemented), type(len), frozenset)


def copy(x):
    cls = type(x)
    if cls in _ATOMIC or cls is tuple:
        return x
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is bytearray:
        return bytearray(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if callable(x) and not hasattr(x, "__dict__"):
        return x
    return _reconstruct(x, None)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC or isinstance(x, type) or callable(x) and hasattr(x, "__code__"):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = tuple(deepcopy(a, memo) for a in x)
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(x, y)):
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo):
    cls = type(x)
    deep = memo is not None
    reduce = getattr(x, "__reduce_ex__", None)
    rv = None
    if reduce is not None and cls.__reduce_ex__ is not object.__reduce_ex__ \
            if hasattr(object, "__reduce_ex__") else False:
        rv = reduce(4)
    elif getattr(cls, "__reduce__", None) is not None and \
            cls.__reduce__ is not getattr(object, "__reduce__", None):
        rv = x.__reduce__()
    if rv is not None and not isinstance(rv, str):
        func, args = rv[0], rv[1]
        state = rv[2] if len(rv) > 2 else None
        listiter = rv[3] if len(rv) > 3 else None
        dictiter = rv[4] if len(rv) > 4 else None
        if deep:
            args = deepcopy(args, memo)
        y = func(*args)
        if deep:
            memo[id(x)] = y
        if state:
            if deep:
                state = deepcopy(state, memo)
            if hasattr(y, "__setstate__"):
                y.__setstate__(state)
            else:
                y.__dict__.update(state)
        if listiter is not None:
            for item in listiter:
                y.append(deepcopy(item, memo) if deep else item)
        if dictiter is not None:
            for key, value in dictiter:
                if deep:
                    key, value = deepcopy(key, memo), deepcopy(value, memo)
                y[key] = value
        return y
    # Instances of str/int/float/tuple/bytes subclasses carry their value in
    # the object itself: rebuild it from __getnewargs__ (what copyreg's
    # __newobj__ protocol does) instead of an empty object.__new__ instance.
    newargs = getattr(x, "__getnewargs__", None)
    if newargs is not None:
        args = newargs()
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    else:
        y = object.__new__(cls)
    if deep:
        memo[id(x)] = y
    if isinstance(x, dict):
        for k, v in x.items():
            dict.__setitem__(y, deepcopy(k, memo) if deep else k,
                             deepcopy(v, memo) if deep else v)
    elif isinstance(x, list):
        list.extend(y, [deepcopy(v, memo) for v in x] if deep else x)
    state = getattr(x, "__getstate__", None)
    if state is not None and getattr(cls, "__getstate__", None) is not getattr(object, "__getstate__", None):
        state = state()
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            for k, v in state.items():
                object.__setattr__(y, k, v)
        return y
    slots = []
    for klass in cls.__mro__:
        s = klass.__dict__.get("__slots__", ())
        if isinstance(s, str):
            s = (s,)
        slots.extend(s)
    for name in slots:
        if name in ("__dict__", "__weakref__"):
            continue
        try:
            value = object.__getattribute__(x, name)
        except AttributeError:
            continue
        object.__setattr__(y, name, deepcopy(value, memo) if deep else value)
    try:
        attrs = x.__dict__
    except AttributeError:
        attrs = {}
    for k, v in list(attrs.items()):
        object.__setattr__(y, k, deepcopy(v, memo) if deep else v)
    return y
