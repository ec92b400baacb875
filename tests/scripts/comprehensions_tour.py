# List, dict, set and generator comprehensions with filters, nesting and conditional expressions.
nums = list(range(1, 21))
print([n * n for n in nums if n % 3 == 0])
print([("fizz" if n % 3 == 0 else "") + ("buzz" if n % 5 == 0 else "") or str(n) for n in nums])
print({n: n ** 3 for n in nums if n < 6}, sorted({n % 7 for n in nums}))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [x for row in matrix for x in row if x % 2], [[row[i] for row in matrix] for i in range(3)])
pairs = [(a, b) for a in range(1, 5) for b in range(a, 5) if (a + b) % 2 == 0]
print(pairs)
triples = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(triples)
words = "the rain in spain stays mainly in the plain".split()
print({w: len(w) for w in words}, sorted({w[0] for w in words}), sum(len(w) for w in words))
print(max((len(w), w) for w in words), [w.upper() for w in words if "ain" in w])
nested = [[1, [2, 3]], [4], [[5, 6], 7]]
def flat(x):
    return [z for y in x for z in (flat(y) if isinstance(y, list) else [y])]
print(flat(nested))
gen = (n * 2 for n in nums)
print(next(gen), next(gen), sum(gen))
index = {w: [i for i, x in enumerate(words) if x == w] for w in sorted(set(words))}
print(index)
grid = ["#..#", ".##.", "#..#"]
print([(r, c) for r, row in enumerate(grid) for c, ch in enumerate(row) if ch == "#"])
print(sum(1 for row in grid for ch in row if ch == "."), any(row == row[::-1] for row in grid))
x = 10
print([x for x in range(3)], x)
