def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {"name": "repy", "n": 3, "f": 2.5, "l": [1]}
print("%(name)s has %(n)d items costing %(f).2f %(l)r" % d)
print("%(n)05d|%(n)-5d|%(n)+d|%(f)e|%(name)10s|%(name)-10s|" % d)
print("%%(name)s stays %s" % "literal")
t(lambda: "%(missing)s" % d)
t(lambda: "%(name)s %s" % d)
t(lambda: "%(name)" % d)
t(lambda: "%s %(name)s" % ("a",))
