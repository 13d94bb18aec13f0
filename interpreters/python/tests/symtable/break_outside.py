def f():
    if True:
        break
