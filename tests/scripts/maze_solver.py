# Solving a text maze with BFS, marking the shortest path and counting reachable cells.
MAZE = """
###########
#S  #     #
# # # ### #
# #   #   #
# ##### # #
#     # # #
### # # # #
#   #   #E#
###########
""".strip().splitlines()

def find(ch):
    for r, row in enumerate(MAZE):
        c = row.find(ch)
        if c != -1:
            return r, c

start, end = find("S"), find("E")
prev = {start: None}
queue = [start]
while queue:
    r, c = queue.pop(0)
    if (r, c) == end:
        break
    for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        nr, nc = r + dr, c + dc
        if MAZE[nr][nc] != "#" and (nr, nc) not in prev:
            prev[(nr, nc)] = (r, c)
            queue.append((nr, nc))

path = []
node = end
while node is not None:
    path.append(node)
    node = prev[node]
path.reverse()
grid = [list(row) for row in MAZE]
for r, c in path[1:-1]:
    grid[r][c] = "."
print("\n".join("".join(row) for row in grid))
print("steps:", len(path) - 1, "explored:", len(prev))
moves = []
for (r1, c1), (r2, c2) in zip(path, path[1:]):
    moves.append({(-1, 0): "U", (1, 0): "D", (0, -1): "L", (0, 1): "R"}[(r2 - r1, c2 - c1)])
compact = []
for m in moves:
    if compact and compact[-1][0] == m:
        compact[-1][1] += 1
    else:
        compact.append([m, 1])
print(" ".join(f"{m}{n}" for m, n in compact))
