# Lucas-Lehmer test for Mersenne primes 2**p - 1, with the fast reduction mod 2**p - 1 by shifts.
def is_small_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True

def mod_mersenne(x, p, m):
    # x mod (2**p - 1) using only shifts and masks
    while x > m:
        x = (x & m) + (x >> p)
    return 0 if x == m else x

def lucas_lehmer(p):
    if p == 2:
        return True
    m = (1 << p) - 1
    s = 4
    for _ in range(p - 2):
        s = mod_mersenne(s * s - 2, p, m)
    return s == 0

found = [p for p in range(2, 700) if is_small_prime(p) and lucas_lehmer(p)]
print("Mersenne exponents below 700:", found)

for p in found[-4:]:
    m = 2 ** p - 1
    text = str(m)
    print(f"M{p}: {len(text)} digits, {text[:15]}...{text[-15:]}")

# Perfect numbers from Mersenne primes (Euclid-Euler).
for p in found[:8]:
    perfect = 2 ** (p - 1) * (2 ** p - 1)
    print(f"p={p:>2} perfect={perfect}")

def sigma_small(n):
    total = 1
    d = 2
    while d * d <= n:
        if n % d == 0:
            total += d
            if d != n // d:
                total += n // d
        d += 1
    return total

print("8128 is perfect:", sigma_small(8128) == 8128)
p = 127
perfect = 2 ** (p - 1) * (2 ** p - 1)
print("perfect number from M127:", perfect)
print("binary of it:", bin(perfect)[:20] + "...", bin(perfect).count("1"), "ones,", bin(perfect).count("0") - 1, "zeros")

# A composite case, with its known factor.
p = 67
print("M67 prime?", lucas_lehmer(67), (2 ** 67 - 1) % 193707721 == 0, (2 ** 67 - 1) // 193707721)
print("shift reduction matches %:", all(mod_mersenne(x, 89, 2 ** 89 - 1) == x % (2 ** 89 - 1) for x in [3 ** 200, 2 ** 178, 10 ** 60 + 7]))
