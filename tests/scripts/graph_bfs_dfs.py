# Graph traversal: BFS shortest paths, DFS order, connected components, topological sort.
EDGES = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "g"), ("e", "h"), ("c", "h")]

def build(edges, directed=False):
    g = {}
    for u, v in edges:
        g.setdefault(u, []).append(v)
        g.setdefault(v, [])
        if not directed:
            g[v].append(u)
    for k in g:
        g[k].sort()
    return g

def bfs(g, start):
    dist = {start: 0}
    parent = {start: None}
    queue = [start]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in g[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                parent[v] = u
                queue.append(v)
    return dist, parent

def path(parent, target):
    out = []
    while target is not None:
        out.append(target)
        target = parent[target]
    return out[::-1]

def dfs(g, start, seen=None):
    if seen is None:
        seen = []
    seen.append(start)
    for v in g[start]:
        if v not in seen:
            dfs(g, v, seen)
    return seen

def components(g):
    seen = set()
    comps = []
    for node in sorted(g):
        if node not in seen:
            comp = dfs(g, node)
            seen.update(comp)
            comps.append(sorted(comp))
    return comps

def topo(g):
    indeg = {u: 0 for u in g}
    for u in g:
        for v in g[u]:
            indeg[v] += 1
    ready = sorted(u for u, d in indeg.items() if d == 0)
    order = []
    while ready:
        u = ready.pop(0)
        order.append(u)
        for v in g[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
                ready.sort()
    return order

g = build(EDGES)
dist, parent = bfs(g, "a")
print(sorted(dist.items()))
print(path(parent, "h"), path(parent, "e"))
print(dfs(g, "a"))
print(components(g))
dg = build(EDGES, directed=True)
print(topo(dg))
print({k: len(v) for k, v in sorted(dg.items())})
