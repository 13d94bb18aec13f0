# Data descriptors beat the instance dict; non-data descriptors lose to it.
class Data:
    def __get__(self, obj, owner):
        return ("data", obj is None, owner.__name__)
    def __set__(self, obj, value):
        obj.__dict__["seen"] = value

class NonData:
    def __get__(self, obj, owner):
        return ("nondata", obj is None)

class C:
    d = Data()
    n = NonData()

c = C()
print(c.d, C.d)
c.__dict__["d"] = "shadow?"
print(c.d)
c.d = 5
print(c.__dict__)
print(c.n)
c.n = "instance wins"
print(c.n, C.n)
del c.n
print(c.n)

# __delete__ without __set__ also makes a data descriptor.
class DelOnly:
    def __get__(self, obj, owner):
        return "from get"
    def __delete__(self, obj):
        print("delete called")
class E:
    x = DelOnly()
e = E()
e.__dict__["x"] = "dict"
print(e.x)
del e.x

