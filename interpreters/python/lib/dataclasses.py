"""Data classes: @dataclass generates __init__, __repr__, __eq__ (and with
order=True the comparisons, with frozen=True read-only fields) from the
class's annotations; field(), fields(), asdict(), astuple(), replace()."""

import copy as _copy

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "InitVar",
           "KW_ONLY", "MISSING", "fields", "asdict", "astuple", "make_dataclass",
           "replace", "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class _KwOnlyType:
    pass


KW_ONLY = _KwOnlyType()


class InitVar:
    __slots__ = ("type",)

    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ("name", "type", "default", "default_factory", "repr", "hash",
                 "init", "compare", "metadata", "kw_only", "_field_type")

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},"
                f"repr={self.repr!r},hash={self.hash!r},compare={self.compare!r},"
                f"metadata={self.metadata!r},kw_only={self.kw_only!r},"
                f"_field_type={self._field_type})")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata,
                 kw_only)


_FIELDS = "__dataclass_fields__"
_PARAMS = "__dataclass_params__"


def _is_classvar(tp):
    if isinstance(tp, str):
        return tp.startswith("ClassVar") or tp.startswith("typing.ClassVar")
    return getattr(tp, "__origin__", None) is not None and \
        repr(getattr(tp, "__origin__", None)) == "typing.ClassVar" or \
        repr(tp).startswith("typing.ClassVar")


def _process_class(cls, init, repr_, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots):
    fields = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, _FIELDS, None)
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    annotations = cls.__dict__.get("__annotations__", {})
    kw_only_now = kw_only
    for name, tp in annotations.items():
        if tp is KW_ONLY or (isinstance(tp, str) and tp.endswith("KW_ONLY")):
            kw_only_now = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            if isinstance(default, (list, dict, set)):
                raise ValueError(f"mutable default {type(default)} for field "
                                 f"{name} is not allowed: use default_factory")
            f = field(default=default)
        f.name = name
        f.type = tp
        if _is_classvar(tp):
            f._field_type = "_FIELD_CLASSVAR"
        elif isinstance(tp, InitVar):
            f._field_type = "_FIELD_INITVAR"
        else:
            f._field_type = "_FIELD"
        if f.kw_only is MISSING:
            f.kw_only = kw_only_now
        if f._field_type == "_FIELD_CLASSVAR":
            continue
        fields[name] = f
        if isinstance(default, Field):
            if f.default is MISSING:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass
            else:
                setattr(cls, name, f.default)
    setattr(cls, _FIELDS, fields)
    setattr(cls, _PARAMS, {"init": init, "repr": repr_, "eq": eq, "order": order,
                           "unsafe_hash": unsafe_hash, "frozen": frozen})
    all_fields = [f for f in fields.values() if f._field_type == "_FIELD"]
    init_fields = [f for f in fields.values() if f.init]

    if init:
        _make_init(cls, init_fields, all_fields, frozen)
    if repr_ and "__repr__" not in cls.__dict__:
        rfields = [f.name for f in all_fields if f.repr]

        def __repr__(self):
            body = ", ".join(f"{n}={getattr(self, n)!r}" for n in rfields)
            return f"{type(self).__qualname__}({body})"
        __repr__.__qualname__ = f"{cls.__qualname__}.__repr__"
        cls.__repr__ = __repr__
    cmp_names = [f.name for f in all_fields if f.compare]

    def as_tuple(self):
        return tuple(getattr(self, n) for n in cmp_names)
    if eq and "__eq__" not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return as_tuple(self) == as_tuple(other)
            return NotImplemented
        cls.__eq__ = __eq__
    if order:
        for opname, op in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
                           ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
            if opname in cls.__dict__:
                raise TypeError(f"Cannot overwrite attribute {opname} in class "
                                f"{cls.__name__}. Consider using functools.total_ordering")

            def make(op=op):
                def compare(self, other):
                    if other.__class__ is self.__class__:
                        return op(as_tuple(self), as_tuple(other))
                    return NotImplemented
                return compare
            setattr(cls, opname, make())
    has_hash = "__hash__" in cls.__dict__ and cls.__dict__["__hash__"] is not None
    if unsafe_hash or (eq and frozen):
        hash_names = [f.name for f in all_fields
                      if (f.compare if f.hash is None else f.hash)]
        if not has_hash or unsafe_hash:
            cls.__hash__ = lambda self: hash(tuple(getattr(self, n) for n in hash_names))
    elif eq and not has_hash:
        cls.__hash__ = None
    if frozen:
        names = {f.name for f in fields.values()}

        def __setattr__(self, name, value):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in init_fields if not f.kw_only)
    return cls


def _make_init(cls, init_fields, all_fields, frozen):
    # The generated __init__ is compiled from source so that its signature
    # (defaults, keyword-only fields) and argument errors are Python's own.
    positional = [f for f in init_fields if not f.kw_only]
    keyword = [f for f in init_fields if f.kw_only]
    seen_default = False
    for f in positional:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    env = {"MISSING": MISSING, "__dataclass_builtins_object__": object}
    params = ["self"]

    def param(f):
        if f.default is not MISSING:
            env[f"__dataclass_dflt_{f.name}__"] = f.default
            return f"{f.name}=__dataclass_dflt_{f.name}__"
        if f.default_factory is not MISSING:
            return f"{f.name}=__dataclass_HAS_DEFAULT_FACTORY__"
        return f.name
    env["__dataclass_HAS_DEFAULT_FACTORY__"] = _HAS_DEFAULT_FACTORY
    params.extend(param(f) for f in positional)
    if keyword:
        params.append("*")
        params.extend(param(f) for f in keyword)
    body = []
    init_names = {f.name for f in init_fields}
    for f in all_fields:
        if f.name in init_names:
            if f.default_factory is not MISSING:
                env[f"__dataclass_factory_{f.name}__"] = f.default_factory
                value = (f"__dataclass_factory_{f.name}__() if {f.name} is "
                         f"__dataclass_HAS_DEFAULT_FACTORY__ else {f.name}")
            else:
                value = f.name
        elif f.default_factory is not MISSING:
            env[f"__dataclass_factory_{f.name}__"] = f.default_factory
            value = f"__dataclass_factory_{f.name}__()"
        elif f.default is not MISSING:
            env[f"__dataclass_dflt_{f.name}__"] = f.default
            value = f"__dataclass_dflt_{f.name}__"
        else:
            continue
        if frozen:
            body.append(f"__dataclass_builtins_object__.__setattr__(self, {f.name!r}, {value})")
        else:
            body.append(f"self.{f.name} = {value}")
    initvars = [f.name for f in init_fields if f._field_type == "_FIELD_INITVAR"]
    if hasattr(cls, "__post_init__"):
        body.append(f"self.__post_init__({', '.join(initvars)})")
    if not body:
        body = ["pass"]
    src = f"def __init__({', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
    exec(src, env)
    fn = env["__init__"]
    fn.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = fn


class _HasDefaultFactory:
    def __repr__(self):
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                              match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fs = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in fs.values() if f._field_type == "_FIELD")


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if f._field_type == "_FIELD_CLASSVAR":
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, "
                                 "it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = "typing.Any"
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    ns["__annotations__"] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **kwargs)
