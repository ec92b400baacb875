# Sets of small integers (which CPython prints in ascending order): sieve, residues, dice sums, coverage.
def primes_upto(n):
    candidates = set(range(2, n + 1))
    for p in range(2, int(n ** 0.5) + 1):
        if p in candidates:
            candidates -= set(range(p * p, n + 1, p))
    return candidates

primes = primes_upto(60)
print(primes)
print(len(primes), 59 in primes, 57 in primes)
odds = set(range(1, 61, 2))
print(odds - primes == odds.difference(primes), sorted(primes - odds))
twin = {p for p in primes if p + 2 in primes}
print("twin lower members:", twin)

# Quadratic residues modulo small primes.
for m in (7, 11, 13):
    print(m, {x * x % m for x in range(m)})

# All sums of two dice and which totals a pair of dice can't make.
sums = {a + b for a in range(1, 7) for b in range(1, 7)}
print(sums, set(range(1, 13)) - sums)
products = {a * b for a in range(1, 7) for b in range(1, 7)}
print(products)
print(sums & products, sums ^ products)

# Coins: which amounts under 20 can be paid with 5s and 7s?
payable = {5 * i + 7 * j for i in range(5) for j in range(3)}
print({n for n in payable if n < 20}, set(range(1, 20)) - payable)

# Set printing mixes with other containers.
grid_cols = {3, 1, 4, 1, 5, 9, 2, 6}
print(grid_cols, [grid_cols], {"cols": grid_cols}, (grid_cols, set()))
print(set([10, 3, 7]), set("3"), {0, -1, 1}, {True, 2, 0})
visited = set()
for step in [4, 8, 15, 16, 23, 42, 8, 4]:
    visited.add(step % 10)
print(visited, len(visited))
print({x for x in range(30) if x % 3 == 0} | {x for x in range(30) if x % 5 == 0})
bits = {i for i in range(16) if 0xB6D >> i & 1}
print(bits, sum(1 << i for i in bits) == 0xB6D)
taken = {2, 4, 6}
print(taken.pop(), taken)
print(set(range(5)).pop(), sorted({5, 3, 1}.union({2})))
s = {1, 2, 3}
for x in s:
    s.add(x + 10)
