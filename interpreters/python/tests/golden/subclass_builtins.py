class OC(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.tag = "oc"
    def first(self):
        return self[0]
o = OC([3, 1, 2])
o.append(9)
o.sort()
print(o, len(o), o.first(), o.tag, isinstance(o, list), type(o).__name__, o[1:3], sum(o))
class D(dict):
    def __missing__(self, k):
        return k * 2
d = D(a=1)
d["b"] = 2
print(d, d["a"], d["zz"], len(d), list(d.items()))
class Plain(list):
    pass
p = Plain()
p.extend("ab")
print(p, p == ["a", "b"], [x for x in p])
