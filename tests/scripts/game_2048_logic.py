# The 2048 merge rules on a 4x4 board: slide/merge in four directions, scoring and seeded tile spawns.
import random

def merge_row(row):
    tiles = [x for x in row if x]
    out, score, i = [], 0, 0
    while i < len(tiles):
        if i + 1 < len(tiles) and tiles[i] == tiles[i + 1]:
            out.append(tiles[i] * 2)
            score += tiles[i] * 2
            i += 2
        else:
            out.append(tiles[i])
            i += 1
    return out + [0] * (len(row) - len(out)), score

def move(board, direction):
    def rows_of(b):
        if direction == "left":
            return [r[:] for r in b]
        if direction == "right":
            return [r[::-1] for r in b]
        cols = [list(c) for c in zip(*b)]
        return cols if direction == "up" else [c[::-1] for c in cols]
    def restore(rows):
        if direction == "left":
            return rows
        if direction == "right":
            return [r[::-1] for r in rows]
        if direction == "up":
            return [list(c) for c in zip(*rows)]
        return [list(c) for c in zip(*[r[::-1] for r in rows])]
    total, merged = 0, []
    for r in rows_of(board):
        m, s = merge_row(r)
        merged.append(m)
        total += s
    new = restore(merged)
    return new, total, new != board

def spawn(board):
    empty = [(r, c) for r in range(4) for c in range(4) if board[r][c] == 0]
    if empty:
        r, c = random.choice(empty)
        board[r][c] = 4 if random.random() < 0.1 else 2

def show(board):
    for row in board:
        print(" ".join(f"{v:>4}" if v else "   ." for v in row))

print([merge_row(r) for r in ([2, 2, 2, 2], [2, 0, 2, 4], [4, 4, 8, 8], [2, 4, 8, 16], [0, 0, 0, 2])])
random.seed(5)
board = [[0] * 4 for _ in range(4)]
spawn(board)
spawn(board)
score = 0
for d in ["left", "up", "right", "down"] * 6:
    board, s, changed = move(board, d)
    score += s
    if changed:
        spawn(board)
show(board)
print("score", score, "max tile", max(max(r) for r in board))
