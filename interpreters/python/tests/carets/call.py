handlers = {"a": len}
value = handlers["b"]
