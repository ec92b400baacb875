# A recursive tree walk that is fine on finite data, then recurses forever on a cycle: RecursionError.
def depth(node):
    if node is None:
        return 0
    return 1 + max(depth(node.get("left")), depth(node.get("right")))

tree = {"v": 1, "left": {"v": 2, "left": {"v": 4}}, "right": {"v": 3}}
print("depth", depth(tree))

def count(node):
    if node is None:
        return 0
    return 1 + count(node.get("left")) + count(node.get("right"))

print("count", count(tree))

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))

cycle = {"v": 0}
cycle["left"] = cycle
print("walking a cycle...")
depth(cycle)
