# Changing a dict or set while iterating it is a RuntimeError; changing values or iterating a copy is fine.
d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        if k == 2:
            del d[k]
except RuntimeError as e:
    print(e, d)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e, sorted(s))
d = {1: 1, 2: 2}
for k in d:
    d[k] = 5
print(d)
it = iter({1: 2})
d2 = {}
it2 = iter(d2)
d2["a"] = 1
try:
    next(it2)
except RuntimeError as e:
    print(e)
    try:
        next(it2)
    except RuntimeError as e2:
        print("again:", e2)
k = {1: 1}.keys()
dd = {1: 1}
for key in list(dd):
    del dd[key]
print(dd)
