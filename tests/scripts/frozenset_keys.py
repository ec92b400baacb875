# frozenset values as dictionary keys: caching results for unordered groups of items.
prices = {"apple": 3, "pear": 4, "fig": 7}
cache = {}
def bundle_price(items):
    key = frozenset(items)
    if key not in cache:
        cache[key] = sum(prices[i] for i in key) - (2 if len(key) > 2 else 0)
    return cache[key]
print(bundle_price(["apple", "pear"]), bundle_price(["pear", "apple"]), bundle_price(["fig", "pear", "apple"]))
print(len(cache), frozenset("ab") == frozenset("ba"), sorted(frozenset([3, 1, 2])))
