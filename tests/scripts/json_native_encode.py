import json
values = [None, True, False, 0, -17, 2**70, -2**100, 1.5, -0.0, 1e300, 1e-7, 0.1, float("nan"), float("inf"), float("-inf"),
          "", "abc", 'q"uo\\te', "tab\tnl\ncr\rbs\bff\f", "\x00\x1f\x7f", "é", "€", "😀", "mixed é 😀 \x01",
          [], (), {}, [1, [2, [3, []]]], (1, "a"), {"a": 1, "b": [1, 2]},
          {1: "int", 1.5: "float", True: "bool", None: "none", 2**70: "big", float("nan"): "nan"},
          {"nested": {"deep": [{"x": None}]}}]
for v in values:
    print(json.dumps(v))
class C:
    pass
for bad in [C(), {(1, 2): 3}, [1, C()], {1, 2}, b"x"]:
    try:
        print(json.dumps(bad))
    except TypeError as e:
        print("TypeError:", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
class L(list):
    pass
print(json.dumps(L([1, 2])), json.dumps({"k": L()}))
print(json.dumps([1, 2], indent=2), json.dumps({"b": 1, "a": 2}, sort_keys=True))
print(json.loads(json.dumps(values[:14])) == [None, True, False, 0, -17, 2**70, -2**100, 1.5, -0.0, 1e300, 1e-7, 0.1])
class S(str):
    def __str__(self):
        return "other"
class I(int):
    def __repr__(self):
        return "other"
class F(float):
    pass
class D(dict):
    pass
print(json.dumps([S("s"), I(3), F(2.5), D(a=1), (L([D()]),)]))
print(json.dumps({"k": S("v"), "n": I(1)}))
