print("impdemo.sub runs", __name__, __package__)
def helper(x):
    return x * 2
