# Module attributes (`mod.name`) read in hot loops see every write at once:
# `mod.x = v`, `del mod.x`, setattr, writes through `mod.__dict__`, and
# globals of the module itself written from inside.
import math
import sys

me = sys.modules[__name__]
speed = 1

def read_pi(rounds, action):
    out = []
    for i in range(rounds):
        action(i)
        out.append(round(math.pi, 2))
    return out[::2]

real_pi = math.pi

def patch_pi(i):
    if i == 2:
        math.pi = 3
    if i == 4:
        setattr(math, "pi", 4)
    if i == 6:
        math.__dict__["pi"] = 5
    if i == 8:
        math.pi = real_pi

print("math.pi", read_pi(10, patch_pi))

def call_sqrt(n):
    return [math.sqrt(x) for x in range(n)]

print("sqrt", call_sqrt(3))
real_sqrt = math.sqrt
math.sqrt = lambda x: -x
print("patched sqrt", call_sqrt(3))
del math.sqrt
try:
    call_sqrt(1)
except AttributeError as e:
    print("AttributeError:", e)
math.sqrt = real_sqrt
print("restored", call_sqrt(3))

def read_self(rounds):
    global speed
    out = []
    for i in range(rounds):
        if i == 2:
            speed = 10            # STORE_GLOBAL, seen through me.speed
        if i == 4:
            me.speed = 20
        if i == 6:
            del me.speed
        try:
            out.append(me.speed)
        except AttributeError as e:
            out.append(str(e))
        if i == 7:
            me.__dict__.setdefault("speed", 30)
    return out

print("self module", read_self(9))

def new_attr(rounds):
    out = []
    for i in range(rounds):
        if i == 2:
            math.brand_new = "new"
        out.append(getattr(math, "brand_new", "absent"))
        try:
            out.append(math.brand_new)
        except AttributeError as e:
            out.append(str(e))
    del math.brand_new
    return out

print("new attr", new_attr(4))

# Many attributes added to the module (its dict resizes) while a loop reads one.
def grow(rounds):
    out = []
    for i in range(rounds):
        setattr(me, "filler_%d" % i, i)
        if i % 40 == 0:
            out.append(me.speed)
    return out

print("grow", grow(120), me.filler_119)
