# Comprehensions, unpacking and slicing.
squares = [x * x for x in range(10) if x % 2 if x > 2]
pairs = [(x, y) for x in range(3) for y in range(x)]
evens = {x for x in data if not x % 2}
index = {name: i for i, name in enumerate(names)}
lazy = (n for n in numbers)
nested = [[c for c in row] for row in grid]
merged = {**defaults, **overrides, "extra": 1}
combined = [*first, *second, 3]
point = (*coords, 0)
conditional = [x if x > 0 else -x for x in values]
filtered = [y for x in values if (y := f(x)) is not None]
first, second, *others = sequence
(a, b), c = (1, 2), 3
matrix[1:3] = [0, 0]
del matrix[::2]
text = words[0][:3].upper()
