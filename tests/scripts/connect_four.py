# Connect Four: dropping pieces into columns, win detection in four directions, full-column errors.
ROWS, COLS = 6, 7

class ColumnFull(Exception):
    pass

class Board:
    def __init__(self):
        self.grid = [["." for _ in range(COLS)] for _ in range(ROWS)]
        self.moves = 0

    def drop(self, col, piece):
        for r in range(ROWS - 1, -1, -1):
            if self.grid[r][col] == ".":
                self.grid[r][col] = piece
                self.moves += 1
                return r
        raise ColumnFull(f"column {col} is full")

    def winner_at(self, r, c):
        piece = self.grid[r][c]
        for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
            count = 1
            for sign in (1, -1):
                rr, cc = r + dr * sign, c + dc * sign
                while 0 <= rr < ROWS and 0 <= cc < COLS and self.grid[rr][cc] == piece:
                    count += 1
                    rr += dr * sign
                    cc += dc * sign
            if count >= 4:
                return piece
        return None

    def __str__(self):
        return "\n".join(" ".join(row) for row in self.grid) + "\n" + " ".join(str(c) for c in range(COLS))

def play(moves):
    b = Board()
    for i, col in enumerate(moves):
        piece = "XO"[i % 2]
        try:
            r = b.drop(col, piece)
        except ColumnFull as e:
            print("illegal:", e)
            continue
        w = b.winner_at(r, col)
        if w:
            return b, w, i + 1
    return b, None, len(moves)

for moves in ([3, 3, 4, 4, 5, 5, 6], [0, 1, 0, 1, 0, 1, 0], [0, 1, 1, 2, 2, 3, 2, 3, 3, 5, 3], [0] * 8 + [1, 2]):
    b, w, n = play(moves)
    print(b)
    print("winner:", w, "after", n, "moves\n")
