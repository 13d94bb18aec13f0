# copy.copy and copy.deepcopy of instances of builtin immutable subclasses
# keep the value (built through __getnewargs__) and the instance __dict__.
import copy


class Name(str):
    pass


class Count(int):
    pass


class Weight(float):
    pass


class Pair(tuple):
    pass


class Blob(bytes):
    pass


def show(label, original, made):
    print(label, type(made).__name__, repr(made), made == original,
          made is original, getattr(made, "__dict__", None))


for value in (Name("alpha"), Count(42), Weight(2.5), Pair((1, [2, 3])), Blob(b"xy")):
    value.tag = ["t"]
    shallow = copy.copy(value)
    show("copy", value, shallow)
    print(" same tag list:", shallow.tag is value.tag)
    deep = copy.deepcopy(value)
    show("deepcopy", value, deep)
    print(" same tag list:", deep.tag is value.tag)

pair = Pair((1, [2, 3]))
deep_pair = copy.deepcopy(pair)
print(deep_pair, deep_pair[1] is pair[1], type(deep_pair).__name__)

empty = Name()
print(repr(copy.copy(empty)), repr(copy.deepcopy(Count())))

# a subclass that defines its own constructor arguments
class Label(str):
    def __new__(cls, text, suffix="!"):
        return super().__new__(cls, text + suffix)

    def __getnewargs__(self):
        return (str(self)[:-1], str(self)[-1])


lab = Label("hi", "?")
print(repr(copy.copy(lab)), repr(copy.deepcopy(lab)), type(copy.copy(lab)).__name__)

# shared references inside deepcopy stay shared
n = Count(7)
n.me = n
d = copy.deepcopy([n, n])
print(d[0] is d[1], d[0].me is d[0], d[0] == 7)
