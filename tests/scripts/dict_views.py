# dict.keys(), values() and items() are live views: printing, membership, set operations, equality, reversal.
d = {"a": 1, "b": 2}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, type(k).__name__, type(v).__name__, type(it).__name__, len(k), bool({}.keys()))
d["c"] = 3
print(k, list(v), "c" in k, 3 in v, ("c", 3) in it, ("c", 4) in it)
print(k & {"a", "z"}, k | ["q"], k - {"a"}, k ^ {"a", "y"}, {"b"} & k, it & {("a", 1)})
print(k == {"a", "b", "c"}, k == ["a", "b", "c"], it == {("a", 1), ("b", 2), ("c", 3)}, v == v, k.isdisjoint(["x"]), it.isdisjoint([("a", 1)]))
print(sorted(k), list(reversed(k)), list(reversed(it)), max(v), sum(v), [x for x in it])
for key in d.keys():
    print(key, end=" ")
print()
try:
    hash(k)
except TypeError as e:
    print(e)
del d["a"]
print(k, v, it, set(k), dict(it))
