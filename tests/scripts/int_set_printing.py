# Printing small-integer sets directly (CPython orders them by hash, i.e. by value for small ints).
seen = {5, 3, 9, 1}
seen.add(2)
print(seen, {10, 2, 7} | {1}, {3, 2, 1} & {1, 2})
