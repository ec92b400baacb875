# dict.fromkeys: building dicts from key lists, from the class or an instance, with a shared default.
print(dict.fromkeys(["a", "b", "c"]))
print(dict.fromkeys("hello", 0))
print({}.fromkeys(range(3), "x"))
counts = dict.fromkeys(["apple", "pear", "apple", "fig"], 0)
for fruit in ["apple", "fig", "apple"]:
    counts[fruit] += 1
print(counts)
shared = dict.fromkeys([1, 2], [])
shared[1].append("same list")
print(shared)
print(list(dict.fromkeys([3, 1, 3, 2, 1])))
