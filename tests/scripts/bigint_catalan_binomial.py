# Catalan numbers, binomial coefficients and Pascal's triangle rows with exact big integers.
import math

def catalan_rec(n_max):
    c = [1]
    for n in range(n_max):
        c.append(c[-1] * 2 * (2 * n + 1) // (n + 2))
    return c

def binomial(n, k):
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result

cats = catalan_rec(100)
print("first 15 Catalan numbers:", cats[:15])
print("C(50) =", cats[50])
print("C(100) =", cats[100])
print("formula agrees:", all(cats[n] == math.comb(2 * n, n) // (n + 1) for n in range(101)))
print("segner recurrence at 30:", sum(cats[i] * cats[29 - i] for i in range(30)) == cats[30])

print("C(200, 100) =", binomial(200, 100))
print("math.comb agrees:", binomial(200, 100) == math.comb(200, 100))
print("central binomial digit counts:", [len(str(binomial(2 * n, n))) for n in (10, 50, 100, 500, 1000)])

row = [binomial(300, k) for k in range(301)]
print("row 300 sum is 2**300:", sum(row) == 2 ** 300)
print("alternating sum:", sum((-1) ** k * v for k, v in enumerate(row)))
print("largest entry:", max(row) == row[150], len(str(row[150])))
print("odd entries in row 300:", sum(v % 2 for v in row), "= 2**popcount(300):", 2 ** bin(300).count("1"))

# Vandermonde's identity on big numbers.
m, n, r = 120, 140, 100
lhs = binomial(m + n, r)
rhs = sum(binomial(m, k) * binomial(n, r - k) for k in range(r + 1))
print("Vandermonde:", lhs == rhs, lhs)

# Lattice paths through a 40x40 grid and probability of a fair-coin tie.
paths = binomial(80, 40)
print("lattice paths 40x40:", f"{paths:,}")
print("P(50 heads in 100 flips) =", binomial(100, 50) / 2 ** 100)
print("math.perm(30, 15) =", math.perm(30, 15))

# Pascal's triangle, centered, small rows.
for n in range(8):
    line = " ".join(str(binomial(n, k)) for k in range(n + 1))
    print(line.center(30).rstrip())
