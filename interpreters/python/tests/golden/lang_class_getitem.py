class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__ if isinstance(item, type) else item}]"
print(Box[int], Box["x"], Box[1])
class Sub(Box):
    pass
print(Sub[str])
class Meta(type):
    def __getitem__(cls, k):
        return ("meta", k)
class WithMeta(metaclass=Meta):
    pass
print(WithMeta[3])
try:
    object()[1]
except TypeError as e:
    print("TypeError:", e)
