# Floor division and modulo of negative huge numbers: Python rounds toward negative infinity.
pairs = [
    (10 ** 30 + 7, 3),
    (-(10 ** 30 + 7), 3),
    (10 ** 30 + 7, -3),
    (-(10 ** 30 + 7), -3),
    (-(2 ** 100), 2 ** 64 + 1),
    (2 ** 100, -(2 ** 64 + 1)),
    (-(3 ** 90), -(7 ** 20)),
    (-1, 10 ** 50),
    (1, -(10 ** 50)),
    (-(10 ** 50), 10 ** 50),
]
for a, b in pairs:
    q, r = divmod(a, b)
    assert q == a // b and r == a % b
    assert q * b + r == a
    assert r == 0 or (r < 0) == (b < 0)
    print(f"divmod({a}, {b})")
    print(f"    = ({q}, {r})")

def trunc_div(a, b):
    # C-style division, rounding toward zero, for comparison
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q

def trunc_mod(a, b):
    return a - b * trunc_div(a, b)

print("floor vs truncating:")
for a, b in [(-7, 2), (-(10 ** 20) - 1, 10), (10 ** 25 + 3, -(10 ** 12))]:
    print(a // b, trunc_div(a, b), a % b, trunc_mod(a, b))

# Modular arithmetic with negative huge operands stays in [0, m).
m = 2 ** 61 - 1
vals = [-(2 ** 200), -(10 ** 40) + 1, -m, -m - 1, 2 ** 200]
print([v % m for v in vals])
print([pow(v, 3, m) for v in vals])
print(-(2 ** 200) % -m, (2 ** 200) % -m)

# Calendar-style wraparound with huge day offsets.
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
for offset in (-1, -8, -(10 ** 20), 10 ** 20, -(2 ** 80) - 3):
    print(offset, days[offset % 7], offset // 7)

# Balanced-ternary digits of a negative big number via divmod.
def balanced_ternary(n):
    digits = []
    while n:
        n, r = divmod(n, 3)
        if r == 2:
            r = -1
            n += 1
        digits.append("+0-"[1 - r])
    return "".join(reversed(digits)) or "0"

for n in (-(2 ** 40), 10 ** 15, -(3 ** 20) + 1):
    bt = balanced_ternary(n)
    total = 0
    for ch in bt:
        total = total * 3 + {"+": 1, "0": 0, "-": -1}[ch]
    print(n, bt, total == n)
print(-(10 ** 40) // 10 ** 39, -(10 ** 40 + 1) // 10 ** 39, (-(10 ** 40) - 1) % 10 ** 39)
