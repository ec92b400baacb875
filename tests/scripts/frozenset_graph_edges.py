# Undirected graph edges as frozensets: dict keys for weights, sets of edges, and triangle counting.
roads = [("A", "B", 7), ("B", "C", 3), ("C", "A", 4), ("C", "D", 9), ("D", "E", 2), ("E", "C", 5), ("B", "D", 8)]

weight = {}
for u, v, w in roads:
    weight[frozenset((u, v))] = w

print(len(weight), weight[frozenset(("A", "B"))], weight[frozenset(("B", "A"))])
print(frozenset(("C", "D")) in weight, frozenset(("A", "E")) in weight)

def neighbours(node):
    return sorted(next(iter(edge - {node})) for edge in weight if node in edge)

for node in "ABCDE":
    print(node, neighbours(node))

# Triangles: every 3-node set whose three edges all exist.
nodes = sorted({n for edge in weight for n in edge})
triangles = []
for i, a in enumerate(nodes):
    for j in range(i + 1, len(nodes)):
        for k in range(j + 1, len(nodes)):
            b, c = nodes[j], nodes[k]
            if all(frozenset(p) in weight for p in ((a, b), (b, c), (a, c))):
                triangles.append(("".join(sorted((a, b, c))), weight[frozenset((a, b))] + weight[frozenset((b, c))] + weight[frozenset((a, c))]))
print("triangles:", triangles)

# Minimum spanning tree with Kruskal, storing chosen edges as frozensets.
parent = {n: n for n in nodes}

def find(n):
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n

mst = []
for edge, w in sorted(weight.items(), key=lambda item: (item[1], sorted(item[0]))):
    a, b = sorted(edge)
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[ra] = rb
        mst.append(("-".join(sorted(edge)), w))
print("MST:", mst, "total", sum(w for _, w in mst))

# frozensets of numbers print sorted for small ints; equal to sets with the same members.
fs = frozenset([3, 1, 2, 3])
print(fs, len(fs), fs == {1, 2, 3}, hash(fs) == hash(frozenset({1, 2, 3})))
print(fs | {9}, fs & frozenset({2, 3, 4}), fs - {1}, type(fs | {9}).__name__)
seen_hands = {frozenset({1, 5, 9}), frozenset({9, 5, 1}), frozenset({2, 4})}
print(len(seen_hands), frozenset({5, 1, 9}) in seen_hands)
cache = {frozenset({"fire", "water"}): "steam", frozenset({"earth", "fire"}): "lava"}
print(cache[frozenset(["water", "fire"])], cache.get(frozenset({"air"}), "nothing"))
print(frozenset(), frozenset("aaa"), sorted(frozenset("banana")))
fs.add(4)
