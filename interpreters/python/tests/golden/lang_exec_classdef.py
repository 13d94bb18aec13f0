ns = {}
exec("""
class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"
class Square(Shape):
    sides = 4
""", ns)
print(ns["Square"]().describe(), ns["Square"].__module__ if "__name__" in ns else "no module name")
g = {"__name__": "custom"}
exec("class C: pass\nname = C.__module__", g)
print(g["name"])
src = "def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\n"
env = {}
exec(src, env)
print(env["fact"](10))
print(eval("fact(5)", env))
