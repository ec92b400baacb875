# Ten-pin bowling scoring with strikes, spares, tenth-frame bonuses and frame-by-frame display.
def score(rolls):
    total, frames, i = 0, [], 0
    for frame in range(10):
        if rolls[i] == 10:
            total += 10 + rolls[i + 1] + rolls[i + 2]
            i += 1
        elif rolls[i] + rolls[i + 1] == 10:
            total += 10 + rolls[i + 2]
            i += 2
        else:
            total += rolls[i] + rolls[i + 1]
            i += 2
        frames.append(total)
    return frames

def marks(rolls):
    out, i = [], 0
    for frame in range(10):
        if frame < 9:
            if rolls[i] == 10:
                out.append("X")
                i += 1
            else:
                a, b = rolls[i], rolls[i + 1]
                out.append(("-" if a == 0 else str(a)) + ("/" if a + b == 10 else ("-" if b == 0 else str(b))))
                i += 2
        else:
            rest = rolls[i:]
            s = ""
            for j, r in enumerate(rest):
                if r == 10:
                    s += "X"
                elif j > 0 and rest[j - 1] != 10 and rest[j - 1] + r == 10 and (j == 1 or s[-1] in "X/"):
                    s += "/"
                else:
                    s += "-" if r == 0 else str(r)
            out.append(s)
    return out

games = {
    "perfect": [10] * 12,
    "all spares": [5, 5] * 10 + [5],
    "gutter": [0] * 20,
    "mixed": [10, 7, 3, 9, 0, 10, 0, 8, 8, 2, 0, 6, 10, 10, 10, 8, 1],
    "nines": [9, 0] * 10,
}
for name, rolls in games.items():
    frames = score(rolls)
    print(f"{name:<10} {' '.join(f'{m:>3}' for m in marks(rolls))}")
    print(f"{'':<10} {' '.join(f'{t:>3}' for t in frames)}  final={frames[-1]}")
try:
    score([10, 10])
except IndexError as e:
    print("incomplete game:", e)
