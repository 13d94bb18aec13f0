# Module globals read by hot loops must see every kind of write at once:
# STORE_GLOBAL, DELETE_GLOBAL, globals()[k] = v, module.x = v, dict methods
# on the globals dict, exec into it, import binding a name.
import sys

scale = 1

def weigh(n):
    return n * scale

def run(n):
    total = 0
    for i in range(n):
        total += weigh(i)
    return total

print("base", run(100))

def rebind_in_loop():
    global scale
    seen = []
    for i in range(60):
        if i % 20 == 0:
            scale = i
        seen.append(weigh(1))
    return seen[::10]

print("store_global", rebind_in_loop())

def via_globals_dict():
    out = []
    for i in range(30):
        if i == 10:
            globals()["scale"] = 7
        if i == 20:
            globals().update(scale=11)
        out.append(weigh(2))
    return out[::5]

print("globals_dict", via_globals_dict())

me = sys.modules[__name__]

def via_module_attr():
    out = []
    for i in range(30):
        if i == 15:
            me.scale = 100
        out.append(weigh(1))
    return out[::5]

print("module_attr", via_module_attr())
setattr(me, "scale", 3)
print("setattr_module", run(10))

def helper():
    return "first"

def call_helper(n):
    return [helper() for _ in range(n)]

print("def", call_helper(2))
exec("def helper():\n    return 'from exec'\n", globals())
print("exec", call_helper(2))
exec("helper = lambda: 'lambda from exec'", me.__dict__)
print("exec module dict", call_helper(2))

def shadowable():
    return sqrt(16)

sqrt = lambda x: "mine"
print("before import", shadowable())
from math import sqrt
print("from import", shadowable())
import math as sqrt_module
sqrt = sqrt_module.floor
print("rebound to floor", shadowable())

def missing_loop():
    out = []
    for i in range(6):
        try:
            out.append(ghost)
        except NameError as e:
            out.append(str(e))
        if i == 1:
            globals()["ghost"] = "boo"
        if i == 3:
            del globals()["ghost"]
    return out

print("insert/delete", missing_loop())

def delete_global_loop():
    global tmp
    out = []
    for i in range(4):
        tmp = i
        out.append(tmp_reader())
        del tmp
        try:
            tmp_reader()
        except NameError as e:
            out.append(str(e))
    return out

def tmp_reader():
    return tmp * 10

print("del", delete_global_loop())

def methods_loop():
    out = []
    g = globals()
    for step in range(5):
        if step == 1:
            g.pop("token")
        elif step == 2:
            g.setdefault("token", "set by setdefault")
        elif step == 3:
            g.setdefault("token", "not used")
            g["token"] = "rebound"
        elif step == 4:
            g.update({"token": "updated"})
        try:
            out.append(read_token())
        except NameError as e:
            out.append(str(e))
    return out

token = "start"

def read_token():
    return token

print("dict methods", methods_loop())

# clear() on a dict used as the globals of exec'd code.
ns = {"value": 1}
exec("def get():\n    return value\n", ns)
getter = ns["get"]
print("exec ns", [getter() for _ in range(3)])
ns["value"] = 2
print("exec ns rebound", getter())
saved = dict(ns)
ns.clear()
try:
    getter()
except NameError as e:
    print("after clear:", e)
ns.update(saved)
ns["value"] = 3
print("restored", getter())
ns.popitem()  # removes the last inserted key
print(sorted(k for k in ns if k != "__builtins__"))

# Growing the dict (resizes) while a loop reads a global.
def grow():
    out = []
    for i in range(200):
        globals()["filler_%d" % i] = i
        if i % 50 == 0:
            out.append(weigh(1))
    return out

scale = 5
print("grow", grow(), filler_199)
