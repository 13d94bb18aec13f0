a = 1 + 2j
b = 3 - 1j
print(a + b, a - b, a * b, a / b)
print(a + 1, 1 + a, a * 2.5, 2.5 * a, a - 1.5, 10 / a)
print(a ** 2, a ** 0, a ** -1, (2 + 0j) ** 0.5)
print(1j ** 1j)
x = 2j
x += 1
x *= 2
print(x)
for op in ("//", "%", "<"):
    try:
        if op == "//":
            a // b
        elif op == "%":
            a % b
        else:
            a < b
    except TypeError as e:
        print("TypeError:", e)
try:
    a / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
