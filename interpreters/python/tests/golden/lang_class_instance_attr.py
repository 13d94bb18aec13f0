class C:
    x = 1
    items = []
i = C()
j = C()
i.x = i.x + 1
print(i.x, j.x, C.x)
i.x += 10
print(i.x, C.x)
i.items.append("shared")
print(j.items)
i.items = i.items + ["own"]
print(i.items, j.items, C.items)
C.x = 100
print(i.x, j.x)
del i.x
print(i.x)
try:
    del i.x
except AttributeError as e:
    print("AttributeError:", e)
