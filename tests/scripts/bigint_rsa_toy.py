# A toy RSA key pair built from two Mersenne primes: key generation, encryption, signing.
import math

p = 2 ** 89 - 1
q = 2 ** 107 - 1
n = p * q
phi = (p - 1) * (q - 1)
e = 65537
assert math.gcd(e, phi) == 1
d = pow(e, -1, phi)
print("n =", n)
print("n has", n.bit_length(), "bits and", len(str(n)), "digits")
print("d =", d)
print("e*d mod phi =", e * d % phi)

def text_to_int(text):
    return int.from_bytes(text.encode("utf-8"), "big")

def int_to_text(m):
    length = (m.bit_length() + 7) // 8
    return m.to_bytes(length, "big").decode("utf-8")

def encrypt(m):
    return pow(m, e, n)

def decrypt(c):
    # Chinese remainder theorem speed-up, the way real implementations do it.
    dp = d % (p - 1)
    dq = d % (q - 1)
    qinv = pow(q, -1, p)
    m1 = pow(c, dp, p)
    m2 = pow(c, dq, q)
    h = (qinv * (m1 - m2)) % p
    return m2 + h * q

for message in ["attack at dawn", "Shoal VM", "héllo wörld"]:
    m = text_to_int(message)
    assert m < n
    c = encrypt(m)
    back = decrypt(c)
    print(f"{message!r:>16} -> m={m:x}")
    print(f"{'':>16}    c={c:x}")
    print(f"{'':>16}    ok={back == m} text={int_to_text(back)!r} plain={pow(c, d, n) == m}")

# Signing: s = h^d mod n, verify with s^e mod n.
def digest(text):
    h = 0
    for ch in text.encode():
        h = (h * 131 + ch) % (2 ** 127 - 1)
    return h

msg = "transfer 100 gold to player 7"
sig = pow(digest(msg), d, n)
print("signature:", hex(sig))
print("verifies:", pow(sig, e, n) == digest(msg))
print("tampered verifies:", pow(sig, e, n) == digest(msg.replace("100", "900")))

# Modular inverse sanity checks.
for a, m in [(3, 11), (10, 17), (2 ** 64 + 1, 2 ** 89 - 1)]:
    inv = pow(a, -1, m)
    print(a, m, inv, a * inv % m)
try:
    pow(6, -1, 9)
except ValueError as exc:
    print("ValueError:", exc)
