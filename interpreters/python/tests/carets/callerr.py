def check(n):
    if n > 2:
        raise ValueError(f"too big: {n}")
    return n

results = [check(i) for i in range(5)]
