# Langton's ant on a bounded torus grid, with a snapshot rendering and direction bookkeeping.
DIRS = [(-1, 0), (0, 1), (1, 0), (0, -1)]
NAMES = "NESW"

def simulate(size, steps):
    black = set()
    r = c = size // 2
    d = 0
    for _ in range(steps):
        if (r, c) in black:
            d = (d - 1) % 4
            black.remove((r, c))
        else:
            d = (d + 1) % 4
            black.add((r, c))
        dr, dc = DIRS[d]
        r, c = (r + dr) % size, (c + dc) % size
    return black, (r, c), NAMES[d]

for steps in (0, 10, 100, 500):
    black, pos, facing = simulate(21, steps)
    print(f"after {steps:>3} steps: {len(black):>3} black cells, ant at {pos} facing {facing}")
black, pos, facing = simulate(21, 400)
for r in range(21):
    row = "".join("A" if (r, c) == pos else ("#" if (r, c) in black else ".") for c in range(21))
    print(row)
rows = sorted({r for r, _ in black})
print(rows[0], rows[-1], min(c for _, c in black), max(c for _, c in black))
