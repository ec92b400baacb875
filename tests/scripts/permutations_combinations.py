# Recursive generators for permutations, combinations, subsets and partitions.
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield [items[i]] + p


def combinations(items, k):
    if k == 0:
        yield []
        return
    for i in range(len(items) - k + 1):
        for tail in combinations(items[i + 1:], k - 1):
            yield [items[i]] + tail


def subsets(items):
    if not items:
        return [[]]
    rest = subsets(items[1:])
    return rest + [[items[0]] + s for s in rest]


def partitions(n, max_part=None):
    if max_part is None:
        max_part = n
    if n == 0:
        yield ()
        return
    for k in range(min(n, max_part), 0, -1):
        for p in partitions(n - k, k):
            yield (k,) + p


print(["".join(p) for p in permutations(list("abc"))])
print(len(list(permutations([1, 2, 3, 4, 5]))))
print(list(combinations([1, 2, 3, 4], 2)))
print(sum(1 for _ in combinations(list(range(10)), 3)))
print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))
print(list(partitions(5)))
print([len(list(partitions(n))) for n in range(1, 13)])
