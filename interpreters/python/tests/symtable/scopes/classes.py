class Base:
    pass

class C(Base, metaclass=Meta):
    """A class."""
    attr: int = 1
    __secret = 2

    def method(self):
        return super().method() + self.__secret

    @property
    def prop(self):
        return __class__
