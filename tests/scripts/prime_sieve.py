# Sieve of Eratosthenes, factorisation, twin primes, Goldbach pairs and divisor sums.
def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
    return [i for i, p in enumerate(is_p) if p]

def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors

def fmt(factors):
    return " * ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in sorted(factors.items()))

primes = sieve(200)
print(len(primes), primes[:15], primes[-3:])
pset = set(primes)
print([(p, p + 2) for p in primes if p + 2 in pset][:8])
for n in [360, 97, 1001, 65536, 123456, 999983 * 2]:
    print(n, "=", fmt(factorize(n)))

def goldbach(n):
    return [(p, n - p) for p in primes if p <= n - p and (n - p) in pset]
print(goldbach(100))

def divisor_sum(n):
    return sum(d for d in range(1, n // 2 + 1) if n % d == 0)
print([n for n in range(2, 10000) if n < 500 and divisor_sum(n) == n])
print(sum(primes), max(b - a for a, b in zip(primes, primes[1:])))
