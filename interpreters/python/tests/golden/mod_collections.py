from collections import deque, defaultdict, OrderedDict, Counter, ChainMap, namedtuple
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.rotate(1); print(d)
d.rotate(-2); print(d)
d.extend([7, 8]); d.extendleft([9, 10]); print(d, 8 in d, d.count(7))
m = deque(range(5), maxlen=3); print(m, m.maxlen)
m.append(9); print(m)
try:
    deque().pop()
except IndexError as e:
    print("IndexError", e)
print(list(reversed(deque("abc"))))
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dd["zz"], sorted(dd))
ci = defaultdict(int); ci["x"] += 5; print(ci)
try:
    defaultdict()["q"]
except KeyError as e:
    print("KeyError", e)
od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
od.move_to_end("a"); print(od, list(od))
od.move_to_end("c", last=False); print(list(od.keys()))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict(a=1) == OrderedDict(a=1))
c = Counter("abracadabra")
print(c, c["a"], c["zzz"])
print(c.most_common(2), sorted(c.elements())[:5], c.total())
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c & c2)
c.update("aaa"); c.subtract({"b": 10}); print(c)
print(Counter([1, 1, 2]) == Counter({1: 2, 2: 1}))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm), cm.get("z", 0))
child = cm.new_child({"c": 4}); print(child["c"], child.parents["a"], "b" in child)
cm["z"] = 26; print(cm.maps[0])
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], tuple(p) if False else list(p), p._fields)
print(p._replace(x=10), p._asdict(), Point._make([5, 6]))
x, y = p; print(x + y, p == Point(1, 2), hash(p) == hash(Point(1, 2)))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0])
print(P3(1, 2), P3._field_defaults)
try:
    Point(1)
except TypeError as e:
    print("TypeError", e)
try:
    namedtuple("Bad", "x _y")
except ValueError as e:
    print("ValueError", e)
try:
    namedtuple("Bad", "x x")
except ValueError as e:
    print("ValueError", e)
print(namedtuple("R", "a def", rename=True)._fields)
