counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def reader():
    return counter
print(reader())
def broken():
    print(counter)
    counter = 5
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def uses_undefined():
    return not_defined_anywhere
try:
    uses_undefined()
except NameError as e:
    print("NameError:", e)
def f():
    x = 1
    def g():
        return x
    del x
    return g
try:
    f()()
except NameError as e:
    print("NameError:", e)
