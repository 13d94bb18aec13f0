class Idx:
    def __init__(self, n): self.n = n
    def __index__(self):
        print("index called")
        return self.n

seq = list(range(10))
print(seq[Idx(3)], "abcdef"[Idx(-1)], (1, 2, 3)[Idx(0)])
print(seq[Idx(2):Idx(5)], seq[::Idx(3)])
print(bin(Idx(5)), hex(Idx(255)), oct(Idx(8)))
print(range(Idx(4)), list(range(Idx(1), Idx(7), Idx(2))))
print([0] * Idx(3), "ab" * Idx(2))
print(int.__index__(7), operator_like := Idx(9).__index__())
import operator
print(operator.index(Idx(11)))

class BadIdx:
    def __index__(self): return "no"
for f in (lambda: seq[BadIdx()], lambda: bin(BadIdx()), lambda: operator.index(BadIdx())):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
tup, text, nothing, empty = (1,), "s", None, []
for f in (lambda: seq[1.5], lambda: seq["a"], lambda: tup[nothing], lambda: text[empty],
          lambda: seq[1.0:2], lambda: range(1.5), lambda: [1] * 1.5, lambda: hex(1.5)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)

print(seq[True], seq[False])
# __int__ is not enough for indexing
class OnlyInt:
    def __int__(self): return 1
try:
    seq[OnlyInt()]
except TypeError as e:
    print("TypeError:", e)
print(int(OnlyInt()))
