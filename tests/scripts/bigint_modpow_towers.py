# Modular exponentiation: last digits of power towers, Fermat/Euler checks, and a Diffie-Hellman toy.
import math

def last_digits_of_tower(base, height, digits):
    # base ↑↑ height mod 10**digits, using generalized Euler reduction
    def tower_mod(h, m):
        if m == 1:
            return 0
        if h == 1:
            return base % m
        phi = totient(m)
        exp = tower_mod(h - 1, phi)
        return pow(base, exp + phi, m)
    return tower_mod(height, 10 ** digits)

def totient(n):
    result = n
    p = 2
    while p * p <= n:
        if n % p == 0:
            while n % p == 0:
                n //= p
            result -= result // p
        p += 1
    if n > 1:
        result -= result // n
    return result

print("3^^3 =", 3 ** 3 ** 3, "mod 10**8:", last_digits_of_tower(3, 3, 8), 3 ** 27 % 10 ** 8)
print("last 10 digits of 3^^100:", last_digits_of_tower(3, 100, 10))
print("last 8 digits of 1777^^1855 (PE 188):", last_digits_of_tower(1777, 1855, 8))
print("2^^5 bit length:", (2 ** 2 ** 2 ** 2 ** 2).bit_length(), "last 8:", last_digits_of_tower(2, 5, 8), 2 ** 65536 % 10 ** 8)

# Last ten digits of the self powers series 1**1 + 2**2 + ... + 1000**1000 (PE 48).
m = 10 ** 10
print("self powers:", sum(pow(k, k, m) for k in range(1, 1001)) % m)
print("exact check:", sum(k ** k for k in range(1, 1001)) % m)

# 28433 * 2**7830457 + 1 (PE 97), last ten digits.
print("PE 97:", (28433 * pow(2, 7830457, m) + 1) % m)

# Euler's theorem with large moduli.
n = 10 ** 20 + 39  # prime
for a in (2, 3, 10 ** 12 + 1):
    print(a, pow(a, n - 1, n), pow(a, (n - 1) // 2, n) in (1, n - 1))

# Toy Diffie-Hellman with a 127-bit prime.
p = 2 ** 127 - 1
g = 3
alice_secret = 0x1F2E3D4C5B6A79881726354453627181
bob_secret = 0x0A1B2C3D4E5F60718293A4B5C6D7E8F9
A = pow(g, alice_secret, p)
B = pow(g, bob_secret, p)
shared_a = pow(B, alice_secret, p)
shared_b = pow(A, bob_secret, p)
print("A =", A)
print("B =", B)
print("shared equal:", shared_a == shared_b, hex(shared_a))

print(pow(2, 10 ** 18, 10 ** 9 + 7), pow(-3, 101, 10 ** 12), pow(-(10 ** 20), 3, 97))
print(pow(7, -2, 10 ** 15 + 37) * 49 % (10 ** 15 + 37), pow(2 ** 100, 0, 5), pow(0, 0, 7))
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
print(pow(10 ** 20, -1, 10 ** 20 + 1), math.gcd(10 ** 20, 10 ** 20 + 1))
print(pow(2 ** 64, -1, 2 ** 64 + 2))
