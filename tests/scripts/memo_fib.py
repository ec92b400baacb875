# Memoisation: dict caches, decorator with closure, big-ish ints within 64 bits.
def memoize(fn):
    cache = {}
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]
    wrapper.cache = cache
    return wrapper


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@memoize
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


print([fib(i) for i in range(15)])
print(fib(80), len(fib.cache))
print(grid_paths(10, 10), grid_paths(16, 16))

calls = 0
def slow_collatz(n):
    global calls
    calls += 1
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

collatz = memoize(slow_collatz)
best = max(range(1, 3000), key=collatz)
print(best, collatz(best), calls)
for n in range(1, 3000):
    collatz(n)
print(calls)

def coin_ways(amount, coins):
    table = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            table[a] += table[a - c]
    return table[amount]

print(coin_ways(100, [1, 5, 10, 25, 50]), coin_ways(7, [2, 4]))
