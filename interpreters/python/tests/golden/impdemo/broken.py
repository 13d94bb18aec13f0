print("broken starts")
raise ValueError("broken on purpose")
