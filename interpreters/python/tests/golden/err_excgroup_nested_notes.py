def boom(n):
    if n == 0:
        raise ValueError("deep")
    boom(n - 1)
errs = []
try:
    boom(6)
except ValueError as e:
    errs.append(e)
e2 = KeyError("noted")
e2.add_note("first note")
e2.add_note("second\nmultiline note")
errs.append(e2)
many = ExceptionGroup("many", [IndexError(i) for i in range(17)])
nested = ExceptionGroup("lvl1", [ExceptionGroup("lvl2", [ExceptionGroup("lvl3", [OSError("x")])]), TypeError("t")])
outer = ExceptionGroup("outer", errs + [many, nested])
outer.add_note("group note")
try:
    raise RuntimeError("ctx")
except RuntimeError:
    raise outer
