# Builtins read in hot loops: rebinding, shadowing by a global, deleting the
# shadow, and writes through the builtins namespace and its dict methods.
# (__builtins__ is the module in __main__ under CPython, a dict elsewhere.)
bd = __builtins__ if isinstance(__builtins__, dict) else __builtins__.__dict__

def lengths(items):
    return [len(x) for x in items]

data = ["a", "bb", "ccc"]
print("plain", lengths(data))

real_len = len

def rebind_builtin_in_loop():
    out = []
    for i in range(40):
        if i == 10:
            bd["len"] = lambda x: -1
        if i == 20:
            bd["len"] = real_len
        if i % 5 == 0:
            out.append(len("xyz"))
    return out

print("rebind len", rebind_builtin_in_loop())

def shadow_in_loop():
    global len
    out = []
    for i in range(30):
        if i == 10:
            len = lambda x: 99
        if i == 20:
            del len
        if i % 5 == 0:
            out.append(len("ab"))
    return out

print("shadow", shadow_in_loop())

real_abs = abs

def through_update():
    out = []
    for i in range(30):
        if i == 10:
            bd.update(abs=lambda x: "patched abs")
        if i == 20:
            bd.update({"abs": real_abs})
        if i % 5 == 0:
            out.append(abs(-3))
    return out

print("update", through_update())

def new_builtin_reader():
    try:
        return brand_new
    except NameError as e:
        return str(e)

print("missing", new_builtin_reader())
for i in range(3):
    new_builtin_reader()
bd["brand_new"] = "now a builtin"
print("added", new_builtin_reader())
brand_new = "a global shadows it"
print("global wins", new_builtin_reader())
del brand_new
print("builtin again", new_builtin_reader())
del bd["brand_new"]
print("gone", new_builtin_reader())
bd.setdefault("brand_new", "from setdefault")
print("setdefault", new_builtin_reader())
print("pop", bd.pop("brand_new"), new_builtin_reader())

real_max = max

def use_max():
    return [max(i, 2) for i in range(4)]

print("max", use_max())
bd["max"] = lambda *a: "my max"
print("patched", use_max())
del bd["max"]
try:
    use_max()
except NameError as e:
    print(e)
bd["max"] = real_max
print("restored", use_max())
