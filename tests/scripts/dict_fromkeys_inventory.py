# Game inventory bookkeeping with dict.fromkeys, setdefault, update, and the shared-default pitfall.
ITEMS = ["sword", "shield", "potion", "arrow", "torch"]

stock = dict.fromkeys(ITEMS, 0)
print(stock)
loot = ["potion", "arrow", "arrow", "torch", "potion", "arrow", "gem"]
for item in loot:
    if item in stock:
        stock[item] += 1
    else:
        stock.setdefault("misc", 0)
        stock["misc"] += 1
print(stock)

# fromkeys with no value gives None; handy for ordered de-duplication.
visited = ["cave", "forest", "cave", "town", "forest", "castle", "town"]
print(dict.fromkeys(visited))
print(list(dict.fromkeys(visited)))
print(dict.fromkeys("hello"), list(dict.fromkeys("mississippi")))

# The classic pitfall: a mutable default is shared by every key.
bags = dict.fromkeys(["alice", "bob"], [])
bags["alice"].append("apple")
print(bags, bags["alice"] is bags["bob"])
bags = {name: [] for name in ["alice", "bob"]}
bags["alice"].append("apple")
print(bags)

# fromkeys on other iterables and as a class method of dict subclasses.
print(dict.fromkeys(range(5), "empty"))
print(dict.fromkeys((1, 2, 2, 3), True))
print({}.fromkeys("ab", 1))

class Slots(dict):
    def free(self):
        return [k for k, v in self.items() if v is None]

slots = Slots.fromkeys(["head", "chest", "legs", "feet"])
slots["head"] = "helmet"
slots["feet"] = "boots"
print(type(slots).__name__, slots.free(), slots)

# Merging and updating.
prices = dict.fromkeys(ITEMS, 10)
prices.update({"sword": 150, "shield": 90})
prices.update(potion=25, torch=3)
print(prices)
total = sum(prices[item] * count for item, count in stock.items() if item in prices)
print("inventory value:", total)
print(sorted(prices, key=prices.get, reverse=True)[:3])
print(prices | {"gem": 500})
restock = dict.fromkeys([k for k, v in stock.items() if v == 0], 5)
print(restock)
print(stock["gem"])
