# %-formatting with mapping keys: flags, widths, and the errors.
d = {"a": 1, "b": "x", "c": 2.5}
print("%(a)03d|%(b)-4s|%(c).2f|%%" % d)
print("%(a)s %(a)r" % d)
for bad in [lambda: "%(z)s" % d, lambda: "%(a)s" % (1,), lambda: "%(a" % d]:
    try:
        print(bad())
    except (KeyError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
