for src in ["1 +", "x = 1", "def"]:
    try:
        eval(src)
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError:", e)
try:
    eval("1/0")
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    eval(5)
except TypeError as e:
    print("TypeError:", e)
try:
    exec("x = 1", [])
except TypeError as e:
    print("TypeError:", e)
try:
    compile("1", "<s>", "bogus")
except ValueError as e:
    print("ValueError:", e)
try:
    exec("raise KeyError('k')")
except KeyError as e:
    print("KeyError:", e)
