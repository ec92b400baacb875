nan = float("nan")
print(sorted([3, nan, 1, 2]), sorted([nan, 3, 1, nan, 2, 0.5]), sorted([2.0, 1.0, nan], reverse=True))
calls = []
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        calls.append((self.v, o.v))
        return self.v < o.v
    def __repr__(self): return "K(%d)" % self.v
print(sorted([K(i * 7 % 10) for i in range(10)]))
print(calls)
calls.clear()
print(sorted([K(i * 7 % 10) for i in range(10)], reverse=True))
print(len(calls))
import random
r = random.Random(5)
xs = [r.random() for _ in range(500)] + [nan] * 3
ys = sorted(xs)
print(len(ys))
words = ["b", "a", "B", "c"] * 30
print(sorted(words, key=str.lower)[:8], sorted(words, key=str.lower, reverse=True)[:8])
class Bad:
    def __lt__(self, o): return True
print(len(sorted([Bad() for _ in range(100)])))
print(sorted([(1, "b"), (1, "a"), (0, "z")]), sorted([[2], [1, 5], [1]]))
