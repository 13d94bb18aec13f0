"""Abstract base classes: ABCMeta, ABC, abstractmethod and friends."""

__all__ = ["ABCMeta", "ABC", "abstractmethod", "abstractclassmethod",
           "abstractstaticmethod", "abstractproperty", "get_cache_token"]


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


_token = 0


def get_cache_token():
    return _token


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    func = getattr(value, "__func__", None)
    return func is not None and getattr(func, "__isabstractmethod__", False)


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = type.__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {n for n, v in namespace.items() if _is_abstract(v)}
        for base in bases:
            for n in getattr(base, "__abstractmethods__", ()):
                if _is_abstract(getattr(cls, n, None)):
                    abstracts.add(n)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        return cls

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        global _token
        _token += 1
        return subclass

    def __call__(cls, *args, **kwargs):
        abstracts = getattr(cls, "__abstractmethods__", None)
        if abstracts:
            names = sorted(abstracts)
            s = "" if len(names) == 1 else "s"
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"with abstract method{s} {', '.join(names)}")
        return type.__call__(cls, *args, **kwargs)

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in getattr(subclass, "__mro__", ()):
            return True
        hook = cls.__dict__.get("__subclasshook__")
        if hook is None:
            for klass in cls.__mro__:
                if "__subclasshook__" in klass.__dict__:
                    hook = klass.__dict__["__subclasshook__"]
                    break
        if hook is not None:
            func = getattr(hook, "__func__", hook)
            ok = func(cls, subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for scls in type.__subclasses__(cls) if hasattr(type, "__subclasses__") else ():
            if scls is not cls and issubclass(subclass, scls):
                return True
        return False


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def update_abstractmethods(cls):
    if not hasattr(cls, "__abstractmethods__"):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, "__abstractmethods__", ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls
