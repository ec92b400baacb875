# Matrix access helpers with bounds checks; an off-by-one in the final call raises IndexError.
def make(rows, cols):
    return [[r * cols + c for c in range(cols)] for r in range(rows)]

def neighbours(m, r, c):
    out = []
    for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        rr, cc = r + dr, c + dc
        if 0 <= rr < len(m) and 0 <= cc < len(m[0]):
            out.append(m[rr][cc])
    return out

m = make(3, 4)
print(m)
print(neighbours(m, 0, 0), neighbours(m, 1, 1), neighbours(m, 2, 3))
print(m[-1][-1], m[2][0], [row[3] for row in m])

def column_sums(m):
    return [sum(m[r][c] for r in range(len(m))) for c in range(len(m[0]) + 1)]

column_sums(m)
