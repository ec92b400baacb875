# hash() of integers is reduction modulo the Mersenne prime 2**61 - 1 (on 64-bit CPython).
import sys

MODULUS = 2 ** 61 - 1

def expected_hash(n):
    h = abs(n) % MODULUS
    if n < 0:
        h = -h
    if h == -1:
        h = -2
    return h

samples = [0, 1, -1, -2, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 63, 2 ** 64, -(2 ** 64),
           2 ** 100, -(2 ** 100), 10 ** 30, -(10 ** 30), 3 ** 200, MODULUS * 12345 - 1, -(MODULUS + 1)]
for n in samples:
    h = hash(n)
    print(f"hash({n}) = {h}", h == expected_hash(n))

print(hash(2 ** 64) == 8, hash(-(2 ** 100)) == -(2 ** 39), hash(-1) == hash(-2))
print(hash(2.0 ** 64) == hash(2 ** 64), hash(1e30) == hash(int(1e30)), hash(0.5), hash(-0.0))
print(hash(True), hash(False), hash(2 ** 61 - 1) == hash(0))

# Equal numbers hash equally, so they collide as dict keys.
buckets = {}
for n in [1, 2 ** 61, 2 ** 122, 1.0, True, MODULUS + 1]:
    buckets.setdefault(hash(n), []).append(n)
for h, members in sorted(buckets.items()):
    print(h, members)

# Tuples of big ints are hashable and equal tuples hash the same.
key1 = (2 ** 100, -(3 ** 50))
key2 = (int("1" + "0" * 30) * 2 ** 100 // 10 ** 30, -(3 ** 50))
print(key1 == key2, hash(key1) == hash(key2))
print(sys.hash_info.modulus == MODULUS, sys.hash_info.width)
