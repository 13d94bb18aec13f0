if a:
    pass
elif b:
    pass
elif c: pass
else:
    pass
while x:
    break
else:
    continue
for i in range(10):
    pass
else:
    pass
for a, (b, c), *d in x: pass
for [a, b] in y: pass
for x, in z: pass
try:
    pass
except ValueError:
    pass
except (TypeError, KeyError) as e:
    raise
except:
    raise X from e
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
with open(f) as fh, lock: pass
with (a as b, c as d,): pass
with (a, b): pass
with (yield): pass
with a as (b, c): pass
assert x
assert x, "message"
raise
if x: y = 1; z = 2;
