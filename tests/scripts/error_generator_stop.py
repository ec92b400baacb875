# Manual iteration with next(): a generator runs dry and the final next() raises StopIteration.
def countdown(n):
    while n > 0:
        yield n
        n -= 1

g = countdown(3)
print(next(g), next(g), next(g))
print(next(g, "empty"))
words = iter(["alpha", "beta"])
print(next(words).upper(), next(words).title())
pairs = zip("ab", [1, 2])
print(next(pairs), next(pairs), next(pairs, None))
it = iter(range(2))
print(next(it), next(it))
next(it)
