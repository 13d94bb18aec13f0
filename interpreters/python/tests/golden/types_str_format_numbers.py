def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for v in [0, 7, -7, 1234567, 3.14159, -2.5, 1e-5, 1e21, float("inf")]:
    print("{}|{:>10}|{:<+10}|{:^10}|{:,}".format(v, v, v, v, v))
print("{:08.3f}|{:+08.2f}|{:-8.1f}|{: .2f}|{:e}|{:g}|{:%}".format(3.14159, 2.5, -1.25, 7.0, 0.000123, 1e-5, 0.125))
print("{:d}|{:x}|{:X}|{:o}|{:b}|{:c}|{:n}".format(255, 255, 255, 255, 5, 97, 1000))
