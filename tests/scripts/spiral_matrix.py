# Spiral traversal and generation of matrices, rotation, and diagonal sums.
def spiral_order(m):
    out = []
    top, bottom, left, right = 0, len(m) - 1, 0, len(m[0]) - 1
    while top <= bottom and left <= right:
        out += m[top][left:right + 1]
        for r in range(top + 1, bottom + 1):
            out.append(m[r][right])
        if top < bottom:
            out += m[bottom][left:right][::-1]
        if left < right:
            for r in range(bottom - 1, top, -1):
                out.append(m[r][left])
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
    return out

def spiral_fill(n):
    m = [[0] * n for _ in range(n)]
    r = c = 0
    dr, dc = 0, 1
    for k in range(1, n * n + 1):
        m[r][c] = k
        nr, nc = r + dr, c + dc
        if not (0 <= nr < n and 0 <= nc < n) or m[nr][nc]:
            dr, dc = dc, -dr
            nr, nc = r + dr, c + dc
        r, c = nr, nc
    return m

def rotate(m):
    return [list(row) for row in zip(*m[::-1])]

def show(m):
    for row in m:
        print(" ".join(f"{x:>3}" for x in row))

grid = [[r * 4 + c for c in range(4)] for r in range(3)]
show(grid)
print(spiral_order(grid))
print(spiral_order([[1]]), spiral_order([[1, 2, 3]]), spiral_order([[1], [2], [3]]))
s = spiral_fill(5)
show(s)
print(spiral_order(s) == list(range(1, 26)))
show(rotate(grid))
print(rotate(rotate(rotate(rotate(s)))) == s)
n = len(s)
print(sum(s[i][i] for i in range(n)), sum(s[i][n - 1 - i] for i in range(n)))
