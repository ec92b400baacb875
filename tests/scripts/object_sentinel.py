# A MISSING = object() sentinel distinguishing "no default" from None in a lookup helper.
MISSING = object()

def lookup(d, key, default=MISSING):
    if key in d:
        return d[key]
    if default is MISSING:
        raise KeyError(key)
    return default

print(lookup({"a": 1}, "a"), lookup({}, "b", None))
