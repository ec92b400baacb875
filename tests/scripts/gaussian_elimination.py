# Solving linear systems with Gaussian elimination and partial pivoting, plus matrix inverse and residuals.
def solve(a, b):
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("matrix is singular")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x

def inverse(a):
    n = len(a)
    cols = [solve(a, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
    return [[cols[j][i] for j in range(n)] for i in range(n)]

def matvec(a, x):
    return [sum(r * v for r, v in zip(row, x)) for row in a]

A = [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]]
b = [8, -11, -3]
x = solve(A, b)
print([round(v, 10) for v in x])
print("residual:", max(abs(p - q) for p, q in zip(matvec(A, x), b)) < 1e-9)
inv = inverse(A)
for row in inv:
    print(" ".join(f"{v:8.3f}" for v in row))
prod = [[round(sum(A[i][k] * inv[k][j] for k in range(3)), 9) for j in range(3)] for i in range(3)]
print(prod)
H = [[1 / (i + j + 1) for j in range(4)] for i in range(4)]
xh = solve(H, [1, 1, 1, 1])
print([round(v, 6) for v in xh])
try:
    solve([[1, 2], [2, 4]], [3, 6])
except ValueError as e:
    print("ValueError:", e)
