# A serializer that dispatches on exact types with type(v) is int / type(v) == str.
def serialize(v):
    t = type(v)
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is int or t is float:
        return str(v)
    if t == str:
        return '"' + v.replace('"', '\\"') + '"'
    if t is list or t is tuple:
        return "[" + ",".join(serialize(x) for x in v) + "]"
    if t is dict:
        return "{" + ",".join(f"{serialize(str(k))}:{serialize(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot serialize {t.__name__}")

print(serialize({"name": "shoal", "tags": ["vm", "python"], "stars": 42, "ok": True, "ratio": 0.5, "none": None}))
print(serialize([1, (2, 3), {"k": [True, False]}]))
