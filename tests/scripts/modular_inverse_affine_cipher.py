# An affine cipher over the alphabet and a 16-bit keyed shuffle, using pow(a, -1, m) for decryption keys.
import math

ALPHA = "abcdefghijklmnopqrstuvwxyz"
M = len(ALPHA)

def valid_keys():
    return [a for a in range(1, M) if math.gcd(a, M) == 1]

def encrypt(text, a, b):
    out = []
    for ch in text:
        if ch.lower() in ALPHA:
            x = ALPHA.index(ch.lower())
            c = ALPHA[(a * x + b) % M]
            out.append(c.upper() if ch.isupper() else c)
        else:
            out.append(ch)
    return "".join(out)

def decrypt(text, a, b):
    a_inv = pow(a, -1, M)
    out = []
    for ch in text:
        if ch.lower() in ALPHA:
            y = ALPHA.index(ch.lower())
            p = ALPHA[a_inv * (y - b) % M]
            out.append(p.upper() if ch.isupper() else p)
        else:
            out.append(ch)
    return "".join(out)

print("usable multipliers:", valid_keys())
print("inverses mod 26:", {a: pow(a, -1, M) for a in valid_keys()})
msg = "Meet the Dragon at the North Gate!"
for a, b in [(5, 8), (7, 3), (25, 0)]:
    c = encrypt(msg, a, b)
    print(f"a={a:>2} b={b}: {c} -> {decrypt(c, a, b)}")

# Brute force: try every key and look for a known word.
secret = encrypt("the treasure lies beneath the old mill", 11, 17)
for a in valid_keys():
    for b in range(M):
        guess = decrypt(secret, a, b)
        if "treasure" in guess:
            print("cracked:", a, b, guess)

# Inverses modulo a prime via Fermat agree with pow(a, -1, p).
p = 65521
for a in (2, 3, 1000, 65520):
    inv = pow(a, -1, p)
    print(a, inv, pow(a, p - 2, p) == inv, a * inv % p)

# A reversible 16-bit "shuffle" for level seeds: x -> (x * A + C) mod 2**16 with odd A.
A, C, MOD = 40503, 12345, 2 ** 16
A_INV = pow(A, -1, MOD)

def scramble(x):
    return (x * A + C) % MOD

def unscramble(y):
    return (y - C) * A_INV % MOD

seeds = [0, 1, 42, 1000, 65535]
scrambled = [scramble(s) for s in seeds]
print(A_INV, scrambled, [unscramble(y) for y in scrambled])
print(pow(5, -3, 13), pow(-3, -1, 10), pow(38, -1, 97) * 38 % 97)
try:
    decrypt("abc", 13, 0)
except ValueError as e:
    print("ValueError:", e)
print(decrypt("xyz", 2, 1))
