def inner(x):
    return x["missing"]
def outer():
    return inner({})
print("before")
outer()
