import json
data = {"name": "repy", "n": [1, 2.5, -3e20, True, False, None], "nested": {"a": [], "b": {}}, "s": "quote\" back\\ nl\n tab\t é ☃ 𝄞"}
text = json.dumps(data)
print(text)
print(json.loads(text) == data)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, {"a": 1}], separators=(",", ":")), json.dumps("é", ensure_ascii=False))
print(json.dumps({1: "a", 2.5: "b", None: "c", True: "d"}), json.dumps(float("nan")), json.dumps([float("inf")]))
print(json.loads('{"a": [1, 2, {"b": null}], "c": "\\u00e9\\ud834\\udd1e", "d": -0.5e-3, "e": 10}'))
print(json.loads("  [true, false, null, NaN]  "), json.loads('"x"'), json.loads("12"), json.loads("1E3"))
print(json.loads('{"k": 1}', object_pairs_hook=list), json.loads('{"k": 1.5}', parse_float=str))
for bad in ["", "[1,", '{"a" 1}', "[1] x", '{a: 1}', '"abc', "tru", "[1,]", '"\\q"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e, "|", e.pos, e.lineno, e.colno)
try:
    json.dumps({"a": object()})
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps(float("nan"), allow_nan=False)
except ValueError as e:
    print("ValueError", e)
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print("ValueError", e)
class Obj:
    def __init__(self): self.x = 1
print(json.dumps(Obj(), default=lambda o: o.__dict__))
print(json.dumps((1, 2)), json.dumps({"b": 1, "a": 2}, sort_keys=True), json.dumps(""), json.dumps({}), json.dumps([]))
print(json.dumps([[1, 2], {"x": [3]}], indent=4))
print(issubclass(json.JSONDecodeError, ValueError))
