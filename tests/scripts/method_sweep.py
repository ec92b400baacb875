# Every public method of str, bytes, bytearray, list, tuple, dict, set, frozenset and range, called with no argument and with each of an assortment (results and errors).
def show(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)
def fresh():
    return {"str": "a,b c", "bytes": b"a,b c", "bytearray": bytearray(b"a,b c"), "list": [3, 1, 2], "tuple": (1, 2, 1), "dict": {1: 2, "a": "b"}, "set": {1, 2}, "frozenset": frozenset({1, 2}), "range": range(1, 9, 2)}
others = [1, "x", ",", [1], (1,), {1}, {1: 1}, b",", None, -1]
for tname in fresh():
    for name in sorted(dir(fresh()[tname])):
        if name.startswith("__") or name in ("maketrans", "fromhex", "fromkeys"):
            continue
        show(f"{tname}.{name}()", lambda: getattr(fresh()[tname], name)())
        for o in others:
            show(f"{tname}.{name}({o!r})", lambda: getattr(fresh()[tname], name)(o))
