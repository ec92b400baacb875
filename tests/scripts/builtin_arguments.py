# reversed only takes sequences; min/max/sorted/list.sort refuse keyword
# arguments they do not take, with CPython's messages.
for f in (lambda: reversed((x for x in [1])), lambda: reversed(iter([1, 2])), lambda: min(1, 2, default=3),
          lambda: max(1, 2, default=3), lambda: sorted([1], cmp=None), lambda: [3, 1].sort(cmp=None),
          lambda: sorted([1], reversed=True), lambda: min([1], foo=2)):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print(list(reversed([1, 2, 3])), list(reversed(range(3))), list(reversed("ab")), list(reversed((1, 2))))
print(min(3, 1, key=lambda x: x), max([], default=7), sorted([2, 1], reverse=True))
d = {1: 2, 3: 4}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
l = [1, 2, 1, 3, 1]
print(l.index(1, 1), l.index(1, -2), l.index(3, 0, 4), (1, 2, 1).index(1, 1))
for f in (lambda: l.index(2, 2), lambda: l.index(3, 0, 3), lambda: l.index(1, "a")):
    try: f()
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
