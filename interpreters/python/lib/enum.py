"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

Members are instances of their class made when the class is created; the
metaclass gives the class its iteration, len, lookup by value (`Color(1)`)
and by name (`Color['RED']`). An enum mixed with a data type (IntEnum,
StrEnum, IntFlag, `class E(int, Enum)`) makes its members instances of that
type with `type.__new__`'s value, as CPython's: `Color.RED + 1 == 2`,
`isinstance(Color.RED, int)`."""

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


def _member_type(bases):
    """The data type an enum mixes in (int for IntEnum), or object."""
    for chain in bases:
        for b in chain.__mro__:
            if b is object or isinstance(b, EnumType):
                continue
            if "__new__" in b.__dict__ or b in (int, str, float, tuple, bytes):
                return b
    return object


def _fix_mixin_methods(enum_class, classdict, member_type, base_enum, bases):
    """As CPython's EnumType: the Enum's repr/str/format win over the data
    type's and object's; a ReprEnum keeps the data type's str and format;
    Flag's operators win over int's."""
    # The last Enum base gives the methods (Flag's for IntFlag), as CPython.
    enum_bases = [b for b in bases if isinstance(b, EnumType)]
    first_enum = enum_bases[-1] if enum_bases else Enum
    if ReprEnum in bases and member_type is not object:
        if "__format__" not in classdict:
            type.__setattr__(enum_class, "__format__", member_type.__format__)
            classdict["__format__"] = member_type.__format__
        if "__str__" not in classdict:
            method = member_type.__str__
            if method is object.__str__:
                method = member_type.__repr__
            type.__setattr__(enum_class, "__str__", method)
            classdict["__str__"] = method
    for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
        if name in classdict:
            continue
        found = getattr(enum_class, name, None)
        if member_type is not object and found is not None and (
                found is getattr(member_type, name, None)
                or found is getattr(object, name, None)):
            type.__setattr__(enum_class, name, getattr(first_enum, name))
    if Flag is not None and issubclass(enum_class, Flag):
        for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__",
                     "__rxor__", "__invert__"):
            if name not in classdict:
                type.__setattr__(enum_class, name, Flag.__dict__[name])
    if member_type is not object and "__new__" not in classdict:
        # Lookup by value (`Color(1)`), not the data type's constructor.
        type.__setattr__(enum_class, "__new__", Enum.__dict__["__new__"])


ReprEnum = None
Flag = None


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
        member_type = _member_type(bases)
        enum_class._member_type_ = member_type
        base = globals().get("Enum")
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
            elif member_type is not object:
                # A data-type mixin: the member is an instance of that type
                # (made by its __new__), its value the type's value.
                args = value if isinstance(value, tuple) else (value,)
                if member_type is tuple:
                    args = (args,)
                member = member_type.__new__(enum_class, *args)
                member._value_ = member_type(*args)
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
        if base is not None:
            if members and "__new__" in classdict:
                # The class's __new__ made the members; calling the class
                # looks a member up by value (CPython keeps the first as
                # __new_member__).
                type.__setattr__(enum_class, "__new_member__", classdict["__new__"])
                type.__setattr__(enum_class, "__new__", Enum.__dict__["__new__"])
            _fix_mixin_methods(enum_class, classdict, member_type, base_enum, bases)
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


class ReprEnum(Enum):
    """Only the repr is the Enum's: str() and format() are the data type's."""


class IntEnum(int, ReprEnum):
    """Members are ints."""


class StrEnum(str, ReprEnum):
    """Members are strs."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError(f"too many arguments for str(): {values!r}")
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError(f"{values[0]!r} is not a string")
        member = str.__new__(cls, *values)
        member._value_ = str(*values)
        return member

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


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
        member_type = getattr(cls, "_member_type_", object)
        if value & ~all_bits and member_type is not int:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        if member_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = member_type.__new__(cls, value)
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

    def _operand(self, other):
        # Members of the same flag; plain ints too for int flags (IntFlag).
        if isinstance(other, type(self)):
            return other._value_
        if isinstance(self, int) and isinstance(other, int):
            return int(other)
        return None

    def __or__(self, other):
        v = self._operand(other)
        if v is None:
            return NotImplemented
        return type(self)(self._value_ | v)

    def __and__(self, other):
        v = self._operand(other)
        if v is None:
            return NotImplemented
        return type(self)(self._value_ & v)

    def __xor__(self, other):
        v = self._operand(other)
        if v is None:
            return NotImplemented
        return type(self)(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        all_bits = 0
        for m in type(self):
            all_bits |= m._value_
        return type(self)(all_bits & ~self._value_)

    def __repr__(self):
        if self._name_ is None:
            return f"<{type(self).__name__}: {self._value_!r}>"
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        if self._name_ is None:
            return f"{type(self).__name__}({self._value_!r})"
        return f"{type(self).__name__}.{self._name_}"


class IntFlag(int, ReprEnum, Flag):
    """Members are ints; operators with plain ints give members."""


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration
