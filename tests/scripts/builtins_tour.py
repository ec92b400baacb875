# Built-in functions used on realistic data: len, range, enumerate, zip, map, filter, sorted, min/max, sum, any/all, divmod, round.
scores = {"ann": [88, 92, 79], "bob": [75, 60, 90], "cy": [95, 98, 100], "dee": [55, 70, 65]}
names = list(scores)
print(len(names), names, list(range(len(names))), list(range(10, 0, -4)))
for i, (name, s) in enumerate(sorted(scores.items()), start=1):
    print(i, name, s, sum(s), min(s), max(s), round(sum(s) / len(s), 1))
averages = dict(zip(names, map(lambda s: sum(s) / len(s), scores.values())))
print({k: round(v, 2) for k, v in averages.items()})
passing = list(filter(lambda n: averages[n] >= 70, names))
print(passing, sorted(names, key=averages.get, reverse=True), max(names, key=averages.get), min(names, key=len))
print(any(min(s) < 60 for s in scores.values()), all(max(s) >= 70 for s in scores.values()))
print(divmod(17, 5), divmod(-17, 5), abs(-3), abs(-2.5), pow(2, 8), pow(2, 8, 10), pow(2.0, -1))
print(round(2.675, 2), round(0.5), round(1.5), round(-2.5), round(123.456, -1), round(7))
print(list(reversed(names)), sorted("hello"), sorted([3, 1, 2], reverse=True), sum([[1], [2, 3]], []))
print(chr(65), ord("z"), hex(4095), oct(64), bin(10), int("42"), float("2.5"), str(3.0), bool(""), bool("x"))
print(list(zip(*[(1, "a"), (2, "b"), (3, "c")])), list(map(str.upper, ["x", "y"])), list(map(pow, [2, 3], [3, 2])))
print(isinstance(3, int), isinstance(3.0, (int, float)), isinstance("s", list), callable(len), callable(3))
transposed = [list(col) for col in zip(*scores.values())]
print(transposed, [sum(c) for c in transposed])
print(tuple(range(3)), list("abc"), dict([("a", 1), ("b", 2)]), set([1, 1, 2]) == {1, 2}, len(set("banana")))
print(max(3, 7, 5), min([4, 2, 8]), max("apple", "pear"), min((2, "b"), (2, "a")), sum(range(101)), sum([0.5, 0.25], 1))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "done"))
print(getattr("text", "upper")(), hasattr([], "append"), repr("it's"), repr([1, "two", None]))
