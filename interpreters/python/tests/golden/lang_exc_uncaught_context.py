try:
    [][1]
except IndexError:
    x = undefined_name
