# Factorials beyond 64 bits: digit sums (Project Euler 20), trailing zeros, digit counts.
import math

def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result

def digit_sum(n):
    return sum(int(d) for d in str(n))

def trailing_zeros(n):
    count = 0
    while n % 10 == 0 and n:
        n //= 10
        count += 1
    return count

def legendre_zeros(n):
    # number of trailing zeros of n! without computing it
    zeros, p = 0, 5
    while p <= n:
        zeros += n // p
        p *= 5
    return zeros

for n in (10, 20, 21, 25, 30, 50):
    f = factorial(n)
    print(f"{n:>3}! = {f}")

f100 = factorial(100)
print("100! has", len(str(f100)), "digits")
print("digit sum of 100! =", digit_sum(f100))
print("trailing zeros:", trailing_zeros(f100), legendre_zeros(100))
print("matches math.factorial:", f100 == math.factorial(100))
print("first 30 digits:", str(f100)[:30])

# Largest n whose factorial still fits in a signed 64-bit integer.
n = 1
while factorial(n + 1) < 2 ** 63:
    n += 1
print("largest n with n! < 2**63:", n, factorial(n))
print("next one:", factorial(n + 1), factorial(n + 1) > 2 ** 63)

# Digit-sum table for a few larger factorials.
for n in (200, 500, 1000):
    f = math.factorial(n)
    s = str(f)
    print(f"{n}!: digits={len(s)} sum={digit_sum(f)} zeros={trailing_zeros(f)} legendre={legendre_zeros(n)}")

# Factorial quotient: binomial coefficient the slow way.
print(factorial(60) // (factorial(30) * factorial(30)) == math.comb(60, 30), math.comb(60, 30))

# Double factorial and the ratio of two neighbours.
def double_factorial(n):
    r = 1
    while n > 1:
        r *= n
        n -= 2
    return r

print(double_factorial(31), double_factorial(30), double_factorial(31) * double_factorial(30) == factorial(31))
print(factorial(40) // factorial(38), 40 * 39)
