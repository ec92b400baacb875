# Tuples as records: unpacking in loops, starred targets, swaps, nested unpacking and returning tuples.
records = [("ann", 31, ("london", "uk")), ("bob", 27, ("paris", "fr")), ("cy", 45, ("rome", "it"))]
for name, age, (city, country) in records:
    print(f"{name:<4}{age:>3} {city.title()}, {country.upper()}")
first, *middle, last = [r[0] for r in records]
print(first, middle, last)
head, *tail = "shoal"
print(head, tail)
*init, end = range(5)
print(init, end)
a, b, c = "xyz"
a, b, c = c, a, b
print(a, b, c)

def min_max_mean(values):
    return min(values), max(values), sum(values) / len(values)

lo, hi, mean = min_max_mean([4, 8, 15, 16, 23, 42])
print(lo, hi, round(mean, 3))
stats = min_max_mean([1, 2])
print(stats, type(stats).__name__, stats[0], len(stats))
pairs = [(1, "one"), (2, "two"), (3, "three")]
nums, words = zip(*pairs)
print(nums, words)
for i, (n, w) in enumerate(pairs):
    print(i, n, w)
point = (3, 4)
x, y = point
print(x * y, point + (5,), point * 2, (1,) + point, point.index(4), point.count(3))
(p, q), r = (1, 2), 3
[s, t] = [4, 5]
print(p, q, r, s, t)
data = {"k1": (1, 2), "k2": (3, 4)}
print([(k, a + b) for k, (a, b) in data.items()])
print(sorted(records, key=lambda rec: rec[2][0])[0][0], max(records, key=lambda rec: rec[1])[0])
try:
    u, v = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    u, v, w = (1, 2)
except ValueError as e:
    print("ValueError:", e)
