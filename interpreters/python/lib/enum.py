"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

Members are instances of their class made when the class is created; the
metaclass gives the class its iteration, len, lookup by value (`Color(1)`)
and by name (`Color['RED']`). int and str subclasses of builtins are not
available in repy yet, so IntEnum/IntFlag members compare, hash and compute
through their value instead of being ints themselves."""

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag",
           "IntFlag", "auto", "unique"]


class auto:
    _counter = 0

    def __init__(self, value=None):
        self.value = value
        auto._counter += 1
        self._order = auto._counter

    def __repr__(self):
        return f"auto({self.value!r})"


def _is_descriptor(obj):
    if isinstance(obj, (property, classmethod, staticmethod, type(_is_dunder_probe))):
        return True
    return (hasattr(obj, "__get__") or hasattr(obj, "__set__")
            or hasattr(obj, "__delete__"))


def _is_dunder_probe():
    pass


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_"


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        members = []
        for key, value in list(classdict.items()):
            if _is_dunder(key) or _is_sunder(key) or key.startswith("_"):
                continue
            if _is_descriptor(value) or isinstance(value, (type, classmethod, staticmethod)):
                continue
            members.append((key, value))
        ns = {k: v for k, v in classdict.items() if k not in dict(members)}
        enum_class = type.__new__(metacls, cls, bases, ns, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        base_enum = None
        for b in enum_class.__mro__[1:]:
            if isinstance(b, EnumType):
                base_enum = b
                break
        if members and base_enum is not None and base_enum._member_names_:
            raise TypeError(f"{cls} cannot extend {base_enum!r}")
        gen = getattr(enum_class, "_generate_next_value_")
        last_values = []
        for index, (name, value) in enumerate(members):
            if isinstance(value, auto):
                if value.value is None:
                    value = gen(name, 1, index, last_values[:])
                else:
                    value = value.value
            new = None
            if "__new__" in enum_class.__dict__:
                new = getattr(enum_class, "__new__")
            base = globals().get("Enum")
            base_new = getattr(base, "__new__") if base is not None else None
            if new is not None and new is not base_new:
                args = value if isinstance(value, tuple) else (value,)
                member = new(enum_class, *args)
                if not hasattr(member, "_value_"):
                    member._value_ = value
            else:
                member = object.__new__(enum_class)
                member._value_ = value
                init = getattr(enum_class, "__init__", None)
                if init is not None and init is not object.__init__ and \
                        "__init__" in {k for c in enum_class.__mro__ if c is not object
                                       for k in c.__dict__}:
                    args = value if isinstance(value, tuple) else (value,)
                    try:
                        init(member, *args)
                    except TypeError:
                        init(member, value)
            member._name_ = name
            member.__objclass__ = enum_class
            canonical = None
            for other in enum_class._member_map_.values():
                if other._value_ == member._value_:
                    canonical = other
                    break
            if canonical is not None:
                member = canonical
            else:
                enum_class._member_names_.append(name)
                try:
                    enum_class._value2member_map_[member._value_] = member
                except TypeError:
                    pass
            enum_class._member_map_[name] = member
            type.__setattr__(enum_class, name, member)
            last_values.append(value)
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, type=None, start=1):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        items = list(names.items()) if isinstance(names, dict) else list(names)
        last = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                value = cls._generate_next_value_(item, start, i, last[:])
                name = item
            else:
                name, value = item
            classdict[name] = value
            last.append(value)
        if module is not None:
            classdict["__module__"] = module
        return EnumType.__new__(EnumType, class_name, bases, classdict)

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': "
                f"'{builtins_type(member).__qualname__}' and '{builtins_type(cls).__qualname__}'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"cannot reassign member {name!r}")
        type.__setattr__(cls, name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"cannot delete member {name!r}")
        type.__delattr__(cls, name)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return f"<flag {cls.__name__!r}>"
        return f"<enum {cls.__name__!r}>"


EnumMeta = EnumType
builtins_type = type
Flag = None


class Enum(metaclass=EnumType):
    def __new__(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} "
                            f"instead of None or a valid member")
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            return max(last_values) + 1
        except TypeError:
            return count + start

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __dir__(self):
        return ["__class__", "__doc__", "__module__", "name", "value"]


class _ValueOps:
    # Arithmetic and comparisons through `_value_` (for IntEnum/IntFlag).
    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._value_ < getattr(other, "_value_", other)

    def __le__(self, other):
        return self._value_ <= getattr(other, "_value_", other)

    def __gt__(self, other):
        return self._value_ > getattr(other, "_value_", other)

    def __ge__(self, other):
        return self._value_ >= getattr(other, "_value_", other)

    def __hash__(self):
        return hash(self._value_)

    def __int__(self):
        return int(self._value_)

    def __index__(self):
        return int(self._value_)

    def __float__(self):
        return float(self._value_)

    def __add__(self, o): return self._value_ + getattr(o, "_value_", o)
    def __radd__(self, o): return o + self._value_
    def __sub__(self, o): return self._value_ - getattr(o, "_value_", o)
    def __rsub__(self, o): return o - self._value_
    def __mul__(self, o): return self._value_ * getattr(o, "_value_", o)
    def __rmul__(self, o): return o * self._value_
    def __floordiv__(self, o): return self._value_ // getattr(o, "_value_", o)
    def __truediv__(self, o): return self._value_ / getattr(o, "_value_", o)
    def __mod__(self, o): return self._value_ % getattr(o, "_value_", o)
    def __neg__(self): return -self._value_
    def __abs__(self): return abs(self._value_)


class ReprEnum(Enum):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


class IntEnum(_ValueOps, ReprEnum):
    pass


class StrEnum(ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __hash__(self):
        return hash(self._value_)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._value_, name)

    def __len__(self):
        return len(self._value_)

    def __add__(self, o):
        return self._value_ + o


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        return 1 << high.bit_length()

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        if value & ~all_bits:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        pseudo = object.__new__(cls)
        pseudo._value_ = value
        names = [m._name_ for m in cls if m._value_ & value == m._value_ and m._value_]
        pseudo._name_ = "|".join(names) if names else None
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return (m for m in type(self) if m._value_ and m._value_ & self._value_ == m._value_)

    def __len__(self):
        return bin(self._value_).count("1")

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        return type(self)(self._value_ | other._value_)

    def __and__(self, other):
        return type(self)(self._value_ & other._value_)

    def __xor__(self, other):
        return type(self)(self._value_ ^ other._value_)

    def __invert__(self):
        all_bits = 0
        for m in type(self):
            all_bits |= m._value_
        return type(self)(all_bits & ~self._value_)

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"


class IntFlag(_ValueOps, Flag):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __or__(self, other):
        return type(self)(self._value_ | getattr(other, "_value_", other))

    def __and__(self, other):
        return type(self)(self._value_ & getattr(other, "_value_", other))


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration
