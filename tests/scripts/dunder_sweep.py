# Every dunder operator and container method of the built-in values, called with an assortment of arguments (results and errors).
def show(label, f):
    try:
        r = f()
        print(label, repr(r) if not isinstance(r, (type(iter([])), type(iter(range(0))), type(reversed([])))) else "iterator")
    except Exception as e:
        print(label, type(e).__name__, e)
vals = {"str": "abc", "bytes": b"abc", "bytearray": bytearray(b"abc"), "list": [1, 2], "tuple": (1, 2), "dict": {1: 2}, "set": {1, 2}, "frozenset": frozenset({1, 2}), "range": range(3)}
others = [1, "x", [1], (1,), {1}, {1: 1}, b"x", None, 2]
for tname, v in vals.items():
    for name in sorted(dir(v)):
        if tname in ("bytes", "bytearray") and name in ("__mod__", "__rmod__"):
            continue
        if not name.startswith("__") or name in ("__init__", "__new__", "__init_subclass__", "__subclasshook__", "__class__", "__doc__", "__hash__", "__dir__", "__reduce__", "__reduce_ex__", "__sizeof__", "__class_getitem__", "__getstate__", "__alloc__", "__format__", "__getattribute__", "__setattr__", "__delattr__", "__iter__", "__reversed__", "__setitem__", "__delitem__", "__iadd__", "__imul__", "__ior__", "__iand__", "__isub__", "__ixor__"):
            continue
        m = getattr(v, name)
        if name in ("__len__", "__repr__", "__str__", "__bool__", "__getnewargs__", "__bytes__"):
            show(f"{tname}.{name}()", m)
            continue
        for o in others:
            show(f"{tname}.{name}({o!r})", lambda: m(o))
