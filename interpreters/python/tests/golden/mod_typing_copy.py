from typing import List, Dict, Optional, Union, Any, Callable, Tuple, TypeVar, Generic, NamedTuple, cast, get_type_hints, Iterable
import copy
T = TypeVar("T")
def first(xs: List[T]) -> Optional[T]:
    return xs[0] if xs else None
print(first([3, 4]), first([]))
def apply(f: Callable[[int], int], v: int) -> int:
    return f(v)
print(apply(lambda x: x + 1, 1))
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item
print(Box(5).get(), Box[int](6).get())
print(Optional[int], Union[int, str], List[int], Dict[str, int], Tuple[int, ...], T)
print(cast(int, "x"), Any)
def annotated(a: int, b: "str" = "x") -> Dict[str, int]:
    return {b: a}
print(annotated.__annotations__["a"], annotated(1))
class Emp(NamedTuple):
    name: str
    id: int = 3
e = Emp("guido")
print(e, e.name, e.id, e._fields)
class Cfg:
    x: int
    y: List[str]
print(list(get_type_hints(Cfg)))
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(9); a[2]["k"].append(5)
print(b, c, b[1] is a[1], c[1] is a[1])
class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
n = Node(1); n.next = n
m = copy.deepcopy(n); print(m.v, m.next is m, m is not n)
s = copy.copy(n); print(s.next is n)
class Custom:
    def __init__(self): self.x = [1]
    def __copy__(self):
        print("custom copy")
        return Custom()
copy.copy(Custom())
t = (1, [2]); print(copy.deepcopy(t) == t, copy.deepcopy(t) is t, copy.copy(t) is t)
print(copy.deepcopy({1: {2: 3}}))
