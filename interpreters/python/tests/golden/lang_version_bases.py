# __bases__ and __class__ assignment while hot loops read attributes.

class Left:
    def side(self):
        return "left"
    color = "red"

class Right:
    def side(self):
        return "right"
    color = "blue"

class Mid(Left):
    pass

class Leaf(Mid):
    pass

def read(obj, rounds, action):
    out = []
    for i in range(rounds):
        action(i)
        out.append((obj.side(), obj.color))
    return out[::3]

leaf = Leaf()

def swap_bases(i):
    if i == 3:
        Mid.__bases__ = (Right,)
    if i == 6:
        Mid.__bases__ = (Left,)

print(read(leaf, 9, swap_bases))
print([k.__name__ for k in Mid.__mro__])

def swap_leaf_bases(i):
    if i == 3:
        Leaf.__bases__ = (Right,)
    if i == 6:
        Leaf.__bases__ = (Mid,)

print(read(leaf, 9, swap_leaf_bases))
print([k.__name__ for k in Leaf.__mro__])

class Other:
    def side(self):
        return "other"
    color = "green"

obj = Leaf()

def swap_class(i):
    if i == 3:
        obj.__class__ = Other
    if i == 6:
        obj.__class__ = Leaf

print(read(obj, 9, swap_class))
print(type(obj).__name__, isinstance(obj, Leaf))

# Instance attributes survive a class change.
class Box:
    def __init__(self):
        self.item = "apple"
    def get(self):
        return "Box:" + self.item

class Crate:
    def get(self):
        return "Crate:" + self.item

b = Box()
out = []
for i in range(4):
    if i == 2:
        b.__class__ = Crate
    out.append(b.get())
print(out)

# Errors.
def show(f):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)

show(lambda: setattr(Mid, "__bases__", [Left]))
show(lambda: setattr(Mid, "__bases__", ()))
show(lambda: setattr(Mid, "__bases__", (1,)))
show(lambda: setattr(Left, "__bases__", (Leaf,)))
show(lambda: setattr(Left, "__bases__", (Left,)))
show(lambda: setattr(obj, "__class__", 5))
show(lambda: setattr(obj, "__class__", int))
show(lambda: setattr(5, "__class__", bool))
show(lambda: delattr(obj, "__class__"))
show(lambda: setattr(int, "__bases__", (object,)))
print(Left.__bases__, Mid.__bases__)
