# key= functions, lazy map and filter, unbound built-in methods.
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(min(words, key=len), max(words, key=lambda w: w[-1]), max([3, 1, 2]))
pairs = [(1, "b"), (2, "a"), (1, "a")]
pairs.sort(key=lambda p: p[1])
print(pairs)
def noisy(x):
    print("map", x)
    return x * 10
for v in map(noisy, [1, 2]):
    print("got", v)
print(list(filter(lambda x: x % 2, range(6))), list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
class P:
    def __init__(self, n): self.n = n
    def __repr__(self): return f"P{self.n}"
print(sorted([P(3), P(1), P(2)], key=lambda p: p.n), max([P(3), P(5)], key=lambda p: -p.n))
