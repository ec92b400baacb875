# Union-find with path compression: Kruskal's minimum spanning tree and island counting.
class DSU:
    def __init__(self, n):
        self.parent = list(range(n))
        self.rank = [0] * n
        self.sets = n

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1
        self.sets -= 1
        return True

edges = [(7, 0, 1), (5, 0, 3), (8, 1, 2), (9, 1, 3), (7, 1, 4), (5, 2, 4),
         (15, 3, 4), (6, 3, 5), (8, 4, 5), (9, 4, 6), (11, 5, 6)]
dsu = DSU(7)
mst = []
for w, u, v in sorted(edges):
    if dsu.union(u, v):
        mst.append((u, v, w))
print(mst, sum(w for _, _, w in mst), dsu.sets)

GRID = ["11000", "11010", "00100", "00011", "10011"]
h, w = len(GRID), len(GRID[0])
d = DSU(h * w)
land = 0
for r in range(h):
    for c in range(w):
        if GRID[r][c] == "1":
            land += 1
            for dr, dc in ((0, 1), (1, 0)):
                rr, cc = r + dr, c + dc
                if rr < h and cc < w and GRID[rr][cc] == "1":
                    d.union(r * w + c, rr * w + cc)
roots = set(d.find(r * w + c) for r in range(h) for c in range(w) if GRID[r][c] == "1")
print("land", land, "islands", len(roots))
sizes = {}
for r in range(h):
    for c in range(w):
        if GRID[r][c] == "1":
            root = d.find(r * w + c)
            sizes[root] = sizes.get(root, 0) + 1
print(sorted(sizes.values(), reverse=True))
