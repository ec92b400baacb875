# Dijkstra's shortest paths with a hand-rolled binary heap, and path reconstruction.
def heap_push(h, item):
    h.append(item)
    i = len(h) - 1
    while i and h[(i - 1) // 2] > h[i]:
        h[i], h[(i - 1) // 2] = h[(i - 1) // 2], h[i]
        i = (i - 1) // 2

def heap_pop(h):
    last = h.pop()
    if not h:
        return last
    top, h[0] = h[0], last
    i = 0
    while True:
        c = 2 * i + 1
        if c >= len(h):
            break
        if c + 1 < len(h) and h[c + 1] < h[c]:
            c += 1
        if h[c] < h[i]:
            h[i], h[c] = h[c], h[i]
            i = c
        else:
            break
    return top

GRAPH = {
    "A": {"B": 4, "C": 2},
    "B": {"C": 5, "D": 10},
    "C": {"E": 3},
    "D": {"F": 11},
    "E": {"D": 4},
    "F": {},
    "G": {"A": 1},
}

def dijkstra(graph, source):
    dist = {source: 0}
    prev = {}
    heap = [(0, source)]
    visited = set()
    while heap:
        d, u = heap_pop(heap)
        if u in visited:
            continue
        visited.add(u)
        for v, w in sorted(graph[u].items()):
            nd = d + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                prev[v] = u
                heap_push(heap, (nd, v))
    return dist, prev

def route(prev, target):
    path = [target]
    while path[-1] in prev:
        path.append(prev[path[-1]])
    return "->".join(reversed(path))

dist, prev = dijkstra(GRAPH, "A")
for node in sorted(GRAPH):
    if node in dist:
        print(f"{node}: {dist[node]:>3}  {route(prev, node)}")
    else:
        print(f"{node}: unreachable")
h = []
for x in [5, 3, 8, 1, 9, 2]:
    heap_push(h, x)
print([heap_pop(h) for _ in range(6)])
