# Callable objects with __call__: a counter, a memoizer class and a validator used as key functions.
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self, x):
        self.calls += 1
        return x

class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]

@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

c = Counter()
print(sorted([3, 1, 2], key=c), c.calls, callable(c))
print(fib(50), len(fib.cache))
