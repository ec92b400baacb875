# Extended Euclid, modular inverses and the Chinese remainder theorem with large moduli.
def egcd(a, b):
    x0, y0, x1, y1 = 1, 0, 0, 1
    while b:
        q, a, b = a // b, b, a % b
        x0, x1 = x1, x0 - q * x1
        y0, y1 = y1, y0 - q * y1
    return a, x0, y0

def inverse(a, m):
    g, x, _ = egcd(a % m, m)
    if g != 1:
        raise ValueError(f"{a} has no inverse modulo {m}")
    return x % m

def crt(residues, moduli):
    total, product = 0, 1
    for m in moduli:
        product *= m
    for r, m in zip(residues, moduli):
        partial = product // m
        total += r * partial * inverse(partial, m)
    return total % product, product

a, b = 2 ** 127 - 1, 3 ** 80
g, x, y = egcd(a, b)
print("gcd:", g)
print("x =", x)
print("y =", y)
print("bezout holds:", a * x + b * y == g)
print("inverse matches pow:", inverse(b, a) == pow(b, -1, a))

g, x, y = egcd(2 ** 100 * 3 ** 20, 2 ** 80 * 5 ** 30)
print("gcd with shared factor:", g, g == 2 ** 80)

# Reconstruct a secret number from its residues modulo several primes.
primes = [1000000007, 998244353, 1000000009, 2147483647, 4294967291]
secret = 123456789012345678901234567890123456789
residues = [secret % p for p in primes]
print("residues:", residues)
value, modulus = crt(residues, primes)
print("modulus:", modulus)
print("recovered:", value, value == secret)

# Sun Tzu's classic: x = 2 mod 3, 3 mod 5, 2 mod 7
print("Sun Tzu:", crt([2, 3, 2], [3, 5, 7]))

# Multiplying via residues ("residue number system") then converting back.
u, v = 10 ** 20 + 3, 10 ** 21 + 7
ru = [u % p for p in primes]
rv = [v % p for p in primes]
rprod = [(x * y) % p for x, y, p in zip(ru, rv, primes)]
prod, _ = crt(rprod, primes)
print("RNS product:", prod, prod == u * v)

# Negative numbers: Python's % keeps residues non-negative.
print(egcd(-(10 ** 30), 7 ** 30), inverse(-(10 ** 30), 7 ** 30) == pow(-(10 ** 30), -1, 7 ** 30))
print(inverse(10 ** 18, 2 ** 61 - 1))
print(crt([1, 2], [10 ** 12, 10 ** 15]))
