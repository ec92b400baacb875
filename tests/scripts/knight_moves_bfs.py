# Chess knight distances by BFS, a knight's tour by Warnsdorff's rule on 6x6, and move notation.
MOVES = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]

def square(name):
    return "abcdefgh".index(name[0]), int(name[1]) - 1

def name(sq):
    return "abcdefgh"[sq[0]] + str(sq[1] + 1)

def knight_distance(start, goal, n=8):
    start, goal = square(start), square(goal)
    dist = {start: 0}
    frontier = [start]
    while frontier:
        nxt = []
        for x, y in frontier:
            for dx, dy in MOVES:
                p = (x + dx, y + dy)
                if 0 <= p[0] < n and 0 <= p[1] < n and p not in dist:
                    dist[p] = dist[(x, y)] + 1
                    nxt.append(p)
        frontier = nxt
    return dist[goal], dist

d, dist = knight_distance("a1", "h8")
print("a1 -> h8:", d, "moves; farthest:", max(dist.values()))
for target in ["b3", "a2", "d4", "h1", "g7"]:
    print(target, knight_distance("a1", target)[0])
board = [[dist[(x, y)] for x in range(8)] for y in range(7, -1, -1)]
for row in board:
    print(" ".join(str(v) for v in row))

def tour(n, start=(0, 0)):
    visited = {start: 1}
    pos = start
    def onward(p):
        return [(p[0] + dx, p[1] + dy) for dx, dy in MOVES
                if 0 <= p[0] + dx < n and 0 <= p[1] + dy < n and (p[0] + dx, p[1] + dy) not in visited]
    for step in range(2, n * n + 1):
        options = onward(pos)
        if not options:
            return None
        pos = min(options, key=lambda p: (len(onward(p)), p))
        visited[pos] = step
    return visited

t = tour(6)
if t:
    for y in range(5, -1, -1):
        print(" ".join(f"{t[(x, y)]:>2}" for x in range(6)))
print("complete:", t is not None and len(t) == 36)
