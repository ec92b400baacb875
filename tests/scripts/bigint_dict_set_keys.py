# Dicts and sets keyed by big integers: memo tables, dedup of huge values, and counting residues.
def fib_memo():
    memo = {0: 0, 1: 1}
    def fib(n):
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib, memo

fib, memo = fib_memo()
for k in range(0, 301, 50):
    fib(k)
print(len(memo), fib(300))

# Reverse lookup: value -> index, keyed by huge Fibonacci numbers.
index_of = {v: k for k, v in memo.items()}
print(index_of[fib(250)], index_of.get(fib(250) + 1, "absent"))

# Powers of two and three collected in a set; check membership and sizes.
powers = {2 ** k for k in range(200)} | {3 ** k for k in range(130)}
print(len(powers), 2 ** 199 in powers, 3 ** 129 in powers, 2 ** 199 + 1 in powers)
print(sorted(p for p in powers if p < 100))
print(sorted(powers)[-3:])

# A set of small ints prints in ascending order for CPython.
residues = {pow(3, k, 17) for k in range(16)}
print(residues, len(residues))
quads = {k * k % 23 for k in range(1, 23)}
print(quads)
print({2 ** 70 % 11, 2 ** 80 % 11, 2 ** 90 % 11})

# Counting collisions of a weak hash over big inputs.
def weak_hash(n):
    return (n * 2654435761) % 1009

seen = {}
for i in range(2000):
    big = 10 ** 25 + i * 7919
    seen.setdefault(weak_hash(big), []).append(big)
collisions = {h: v for h, v in seen.items() if len(v) > 1}
print(len(seen), len(collisions))
first = min(collisions)
print(first, collisions[first])

# Big-int keys that are equal to floats merge.
d = {10 ** 15: "int"}
d[1e15] = "float"
d[2 ** 100] = "huge"
print(d, len(d))
counts = dict.fromkeys([2 ** 64, 2 ** 65, 2 ** 64], 0)
for v in [2 ** 64, 2 ** 64, 2 ** 65]:
    counts[v] += 1
print(counts)
print(frozenset({2 ** 100, 2 ** 100, 3}) == frozenset({3, 2 ** 100}))
