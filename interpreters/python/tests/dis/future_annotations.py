from __future__ import annotations
import typing as t
x: t.Dict[str, int | None] = {}
def f(a: "Foo", b: list[int] = [], *c: (int, str), d: Callable[..., Awaitable[T]], **e: -1 + 2 * 3 ** -x) -> lambda x, *, y=1: (x if y else not z) and w or v:
    pass
class K:
    y: Optional[Tuple[int, ...]]
    z: f"{a!r:>{w}} {{x}}" = 1
    q: x[1:2, ::3] = 2
