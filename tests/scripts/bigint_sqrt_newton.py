# Integer square roots by Newton's method, sqrt(2) to 300 digits, and perfect-square tests on big numbers.
import math

def isqrt(n):
    if n < 0:
        raise ValueError("square root of negative number")
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y

def icbrt(n):
    lo, hi = 0, 1 << (n.bit_length() // 3 + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** 3 <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo

for n in [0, 1, 15, 16, 10 ** 18, 2 ** 64, 10 ** 100, 2 ** 1001 + 17, 12345678987654321 ** 4]:
    r = isqrt(n)
    assert r * r <= n < (r + 1) * (r + 1)
    print(f"isqrt({n}) = {r} {'square' if r * r == n else ''}".rstrip(), r == math.isqrt(n))

root2 = isqrt(2 * 10 ** 600)
s = str(root2)
print("sqrt(2) =", s[0] + "." + s[1:61])
print("         ", s[61:121])
print("digits computed:", len(s), "last 10:", s[-10:])
golden = (isqrt(5 * 10 ** 200) + 10 ** 100) // 2
print("phi =", str(golden)[0] + "." + str(golden)[1:51])

for n in [27, 10 ** 30, 2 ** 300, 3 ** 301, 999 ** 9]:
    c = icbrt(n)
    print(f"icbrt -> {c} exact={c ** 3 == n}")

# Pell's equation x^2 - 61 y^2 = 1 via continued fractions; the answer is famously big.
def pell(d):
    a0 = isqrt(d)
    m, den, a = 0, 1, a0
    p_prev, p = 1, a0
    q_prev, q = 0, 1
    while p * p - d * q * q != 1:
        m = den * a - m
        den = (d - m * m) // den
        a = (a0 + m) // den
        p_prev, p = p, a * p + p_prev
        q_prev, q = q, a * q + q_prev
    return p, q

for d in (2, 13, 61, 109, 181, 661, 991):
    x, y = pell(d)
    print(f"d={d}: x={x} y={y} check={x * x - d * y * y}")
try:
    isqrt(-(10 ** 30))
except ValueError as e:
    print("ValueError:", e)
print(math.isqrt(-1))
