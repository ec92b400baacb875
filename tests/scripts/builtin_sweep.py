# vars, ascii, frozenset, bytes, bytearray, slice and delattr called with an assortment of arguments (results and errors).
def show(label, f):
    try:
        r = f()
        print(label, repr(r)[:60])
    except Exception as e:
        print(label, type(e).__name__, e)
others = [1, "x", [1], (1,), {1}, {1: 1}, b"x", None, -1, 2.5]
for name in ["vars", "ascii", "frozenset", "bytes", "bytearray", "slice", "delattr"]:
    f = eval(name) if False else {"vars": vars, "ascii": ascii, "frozenset": frozenset, "bytes": bytes, "bytearray": bytearray, "slice": slice, "delattr": delattr, "dir": dir}[name]
    show(f"{name}()", lambda: f())
    for o in others:
        show(f"{name}({o!r})", lambda: f(o))
    for o in others[:4]:
        show(f"{name}({o!r}, 'x')", lambda: f(o, "x"))
