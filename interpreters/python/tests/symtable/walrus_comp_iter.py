def f():
    return [i for i in range(3) if (i := 2)]
