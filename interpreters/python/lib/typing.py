"""Type hints: enough of typing for annotated programs to import and run.
Subscripted forms (List[int], Optional[str], Callable[..., int]) are
runtime objects that remember their origin and arguments."""

import collections.abc as _abc

__all__ = ["Any", "AnyStr", "Callable", "ClassVar", "Dict", "Final", "FrozenSet",
           "Generic", "Iterable", "Iterator", "List", "Literal", "Mapping",
           "NamedTuple", "NewType", "NoReturn", "Optional", "Protocol",
           "Sequence", "Set", "Tuple", "Type", "TypeVar", "TypedDict", "Union",
           "cast", "final", "get_type_hints", "overload", "runtime_checkable",
           "TYPE_CHECKING", "Annotated", "Self", "Never", "TypeAlias",
           "get_origin", "get_args", "no_type_check", "Generator", "Deque",
           "DefaultDict", "Counter", "OrderedDict", "ChainMap", "Awaitable",
           "Coroutine", "AsyncIterator", "AsyncIterable", "Collection",
           "Container", "Hashable", "Sized", "Reversible", "MutableMapping",
           "MutableSequence", "MutableSet", "IO", "TextIO", "BinaryIO",
           "SupportsInt", "SupportsFloat", "SupportsIndex", "SupportsAbs"]

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    return repr(obj)


class _Special:
    """A bare special form: Any, Union, Optional, ClassVar, ..."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return f"typing.{self._name}"

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"typing.{self._name} is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass typing.{self._name}")


class _Alias:
    """A subscripted or aliased generic: List[int], Dict, Callable[[int], str]."""

    def __init__(self, origin, args, name=None, nparams=-1):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._nparams = nparams

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __eq__(self, other):
        if not isinstance(other, _Alias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __repr__(self):
        name = self._name or _type_repr(self.__origin__)
        if self.__args__ is None:
            return f"typing.{name}"
        if self.__origin__ is Union:
            args = self.__args__
            if len(args) == 2 and type(None) in args:
                other = args[0] if args[1] is type(None) else args[1]
                return f"typing.Optional[{_type_repr(other)}]"
            return f"typing.Union[{', '.join(map(_type_repr, args))}]"
        if self._name == "Callable" and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            params = "[" + ", ".join(map(_type_repr, self.__args__[0])) + "]"
            return f"typing.Callable[{params}, {_type_repr(self.__args__[1])}]"
        if self.__args__ == ():
            return f"typing.{name}[()]"
        return f"typing.{name}[{', '.join(map(_type_repr, self.__args__))}]"


def _union(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _Alias) and p.__origin__ is Union:
            for q in p.__args__:
                if q not in flat:
                    flat.append(q)
        elif p not in flat:
            flat.append(p)
    if len(flat) == 1:
        return flat[0]
    return _Alias(Union, tuple(flat), "Union")


def _optional(self, param):
    return Union[param, None]


def _wrap_one(self, param):
    return _Alias(self, (param,), self._name)


def _wrap_many(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _Alias(self, params, self._name)


Any = _Special("Any")
NoReturn = _Special("NoReturn")
Never = _Special("Never")
Self = _Special("Self")
TypeAlias = _Special("TypeAlias")
LiteralString = _Special("LiteralString")
Union = _Special("Union", _union)
Optional = _Special("Optional", _optional)
ClassVar = _Special("ClassVar", _wrap_one)
Final = _Special("Final", _wrap_one)
Literal = _Special("Literal", _wrap_many)
Annotated = _Special("Annotated", _wrap_many)
Concatenate = _Special("Concatenate", _wrap_many)
TypeGuard = _Special("TypeGuard", _wrap_one)


def _generic(origin, name):
    return _Alias(origin, None, name)


List = _generic(list, "List")
Dict = _generic(dict, "Dict")
Set = _generic(set, "Set")
FrozenSet = _generic(frozenset, "FrozenSet")
Tuple = _generic(tuple, "Tuple")
Type = _generic(type, "Type")
Callable = _generic(_abc.Callable, "Callable")
Iterable = _generic(_abc.Iterable, "Iterable")
Iterator = _generic(_abc.Iterator, "Iterator")
Generator = _generic(_abc.Generator, "Generator")
Sequence = _generic(_abc.Sequence, "Sequence")
MutableSequence = _generic(_abc.MutableSequence, "MutableSequence")
Mapping = _generic(_abc.Mapping, "Mapping")
MutableMapping = _generic(_abc.MutableMapping, "MutableMapping")
MutableSet = _generic(_abc.MutableSet, "MutableSet")
AbstractSet = _generic(_abc.Set, "AbstractSet")
Collection = _generic(_abc.Collection, "Collection")
Container = _generic(_abc.Container, "Container")
Hashable = _generic(_abc.Hashable, "Hashable")
Sized = _generic(_abc.Sized, "Sized")
Reversible = _generic(_abc.Reversible, "Reversible")
Awaitable = _generic(_abc.Awaitable, "Awaitable")
Coroutine = _generic(_abc.Coroutine, "Coroutine")
AsyncIterable = _generic(_abc.AsyncIterable, "AsyncIterable")
AsyncIterator = _generic(_abc.AsyncIterator, "AsyncIterator")
KeysView = _generic(_abc.KeysView, "KeysView")
ValuesView = _generic(_abc.ValuesView, "ValuesView")
ItemsView = _generic(_abc.ItemsView, "ItemsView")


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


class ParamSpec(TypeVar):
    args = object()
    kwargs = object()


AnyStr = TypeVar("AnyStr", bytes, str)
T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")


class Generic:
    __slots__ = ()

    def __class_getitem__(cls, params):
        # `class Box(Generic[T])` needs a class as base (repy has no
        # __mro_entries__ yet), so Generic[...] and Protocol[...] are the
        # classes themselves; Box[int] is an alias that calls Box.
        if cls is Generic or cls is Protocol:
            return cls
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(cls, params, cls.__qualname__)


class Protocol(Generic):
    __slots__ = ()


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-"
            "decorated functions outside a stub module should always be followed by "
            "an implementation that is not @typing.overload-decorated.")
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def get_origin(tp):
    if isinstance(tp, _Alias):
        if tp.__origin__ is Annotated:
            return Annotated
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _Alias) and tp.__args__ is not None:
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(getattr(base, "__annotations__", {}) or {})
    else:
        hints.update(getattr(obj, "__annotations__", {}) or {})
    if globalns is None:
        import sys
        mod = sys.modules.get(getattr(obj, "__module__", None), None)
        globalns = getattr(mod, "__dict__", {}) if mod is not None else {}
    for k, v in list(hints.items()):
        if isinstance(v, str):
            try:
                v = eval(v, globalns, localns)
            except Exception:
                pass
        if v is None:
            v = type(None)
        hints[k] = v
    return hints


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


class _NamedTupleMeta(type):
    def __new__(mcls, name, bases, ns):
        from collections import namedtuple
        if ns.get("_root"):
            return type.__new__(mcls, name, bases, ns)
        ann = ns.get("__annotations__", {})
        defaults = [ns[n] for n in ann if n in ns]
        nt = namedtuple(name, list(ann), defaults=defaults or None,
                        module=ns.get("__module__"))
        for key, value in ns.items():
            if key not in ann and key not in ("__annotations__", "__module__",
                                              "__qualname__", "_root"):
                setattr(nt, key, value)
        nt.__annotations__ = ann
        return nt

    def __call__(cls, typename, fields=None, /, **kwargs):
        from collections import namedtuple
        if fields is None:
            fields = kwargs.items()
        return namedtuple(typename, [n for n, _ in fields])


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        if ns.get("_root"):
            return type.__new__(mcls, name, bases, ns)
        return type.__new__(mcls, name, (dict,), ns)

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


class TypedDict(metaclass=_TypedDictMeta):
    _root = True


class SupportsInt(Protocol):
    __slots__ = ()


class SupportsFloat(Protocol):
    __slots__ = ()


class SupportsIndex(Protocol):
    __slots__ = ()


class SupportsAbs(Protocol):
    __slots__ = ()


class IO(Generic):
    __slots__ = ()


class TextIO(IO):
    __slots__ = ()


class BinaryIO(IO):
    __slots__ = ()


import collections as _collections

Deque = _generic(_collections.deque, "Deque")
DefaultDict = _generic(_collections.defaultdict, "DefaultDict")
OrderedDict = _generic(_collections.OrderedDict, "OrderedDict")
Counter = _generic(_collections.Counter, "Counter")
ChainMap = _generic(_collections.ChainMap, "ChainMap")
