import time
t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_yday, t[0], len(t), tuple(t)[:3], t.tm_zone)
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j %%", t))
print(time.asctime(t), time.asctime(time.gmtime(0)))
print(time.gmtime(0) == (1970, 1, 1, 0, 0, 0, 3, 1, 0), time.gmtime(86400 * 365.5).tm_mday)
a = time.time(); b = time.perf_counter(); c = time.monotonic(); d = time.process_time()
print(type(a).__name__, type(time.time_ns()).__name__, type(time.monotonic_ns()).__name__, b >= 0, c >= 0, d >= 0)
s = time.perf_counter(); time.sleep(0.01); print(time.perf_counter() - s >= 0.009)
print(abs(time.time_ns() / 1e9 - time.time()) < 1)
lt = time.localtime(1700000000)
print(abs(time.mktime(lt) - 1700000000) < 1, type(time.ctime(0)).__name__)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
try:
    time.struct_time((1, 2))
except TypeError as e:
    print("TypeError", e)
