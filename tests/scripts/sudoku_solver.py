# A Sudoku solver using constraint sets and backtracking on the most constrained cell.
PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""

def parse(text):
    rows = [line for line in text.strip().splitlines()]
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]

def candidates(g, r, c):
    used = set(g[r]) | {g[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {g[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
    return [d for d in range(1, 10) if d not in used]

def solve(g, stats):
    best = None
    for r in range(9):
        for c in range(9):
            if g[r][c] == 0:
                cands = candidates(g, r, c)
                if best is None or len(cands) < len(best[2]):
                    best = (r, c, cands)
    if best is None:
        return True
    r, c, cands = best
    for d in cands:
        stats["guesses"] += 1
        g[r][c] = d
        if solve(g, stats):
            return True
    g[r][c] = 0
    stats["backtracks"] += 1
    return False

def show(g):
    for i, row in enumerate(g):
        if i and i % 3 == 0:
            print("------+-------+------")
        print(" | ".join(" ".join(str(d) if d else "." for d in row[j:j + 3]) for j in (0, 3, 6)))

grid = parse(PUZZLE)
print("empty cells:", sum(row.count(0) for row in grid))
stats = {"guesses": 0, "backtracks": 0}
print("solved:", solve(grid, stats), stats)
show(grid)
ok = all(sorted(row) == list(range(1, 10)) for row in grid)
ok = ok and all(sorted(grid[r][c] for r in range(9)) == list(range(1, 10)) for c in range(9))
print("valid:", ok)
