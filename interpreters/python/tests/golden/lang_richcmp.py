class A:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("A.eq")
        return NotImplemented
    def __lt__(self, o):
        return self.v < o.v if isinstance(o, A) else NotImplemented
class B:
    def __eq__(self, o):
        print("B.eq")
        return True
    def __gt__(self, o):
        return "B.gt"
print(A(1) == B(), B() == A(1))
print(A(1) < A(2), A(1) > A(2), A(2) > A(1))
print(A(1) < B())
print(A(1) == A(1), A(1) != A(1))
x = A(1)
print(x == x, x != x)
try:
    A(1) <= A(2)
except TypeError as e:
    print("TypeError:", e)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2)
