try:
    {}["a"]
except KeyError:
    print("handling")
    raise TypeError("during handling")
