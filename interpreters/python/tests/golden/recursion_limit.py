def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
print(down(900))
try:
    down(100000)
except RecursionError as e:
    print("RecursionError:", e)
