# Fibonacci numbers with arbitrary precision: first term with 1000 digits, fast doubling, Pisano periods.
def fib_iter():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

def first_with_digits(d):
    for i, f in enumerate(fib_iter()):
        if len(str(f)) >= d:
            return i, f

def fib_doubling(n):
    # returns (F(n), F(n+1))
    if n == 0:
        return 0, 1
    a, b = fib_doubling(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d

idx, f = first_with_digits(1000)
print("first Fibonacci term with 1000 digits is F(%d)" % idx)
s = str(f)
print("leading 20:", s[:20])
print("trailing 20:", s[-20:])
print("digit count:", len(s), "digit sum:", sum(map(int, s)))
print("doubling agrees:", fib_doubling(idx)[0] == f)

for n in (50, 92, 93, 100, 200, 300):
    print(f"F({n}) = {fib_doubling(n)[0]}")

# Cassini's identity holds for big n too.
n = 500
fn_1, fn = fib_doubling(n - 1)
fn1 = fn_1 + fn
print("Cassini:", fn1 * fn_1 - fn * fn, (-1) ** n)

# gcd(F(m), F(n)) == F(gcd(m, n))
import math
m, n = 360, 420
print("gcd property:", math.gcd(fib_doubling(m)[0], fib_doubling(n)[0]) == fib_doubling(math.gcd(m, n))[0])

def pisano(m):
    a, b = 0, 1
    for i in range(1, m * m + 1):
        a, b = b, (a + b) % m
        if a == 0 and b == 1:
            return i

print("Pisano periods:", [pisano(m) for m in range(2, 13)])
big = fib_doubling(10 ** 4)[0]
print("F(10000) mod 1000 =", big % 1000, "via period:", fib_doubling(10 ** 4 % pisano(1000))[0] % 1000)
print("F(10000) bit length:", big.bit_length())
print("ratio F(101)/F(100):", fib_doubling(101)[0] / fib_doubling(100)[0])
