# Digits of pi: Gibbons' unbounded spigot and Machin's formula in fixed-point big integers.
def pi_digits_spigot():
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    while True:
        if 4 * q + r - t < n * t:
            yield n
            q, r, t, k, n, l = (10 * q, 10 * (r - n * t), t, k, (10 * (3 * q + r)) // t - 10 * n, l)
        else:
            q, r, t, k, n, l = (q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2)

def arctan_inv(x, unity):
    # arctan(1/x) scaled by unity, using the alternating series
    total = term = unity // x
    x2 = x * x
    k = 1
    sign = -1
    while term:
        term //= x2
        total += sign * (term // (2 * k + 1))
        sign = -sign
        k += 1
    return total

def pi_machin(digits):
    guard = 10
    unity = 10 ** (digits + guard)
    pi = 4 * (4 * arctan_inv(5, unity) - arctan_inv(239, unity))
    return pi // 10 ** guard

gen = pi_digits_spigot()
spigot = "".join(str(next(gen)) for _ in range(300))
print(spigot[0] + "." + spigot[1:])
machin = str(pi_machin(299))
print("Machin agrees:", machin == spigot)
for i in range(0, 300, 60):
    print(f"{i:>3}: {machin[i:i + 60]}")

# Digit frequencies in the first 300 digits.
counts = {}
for ch in spigot:
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
print("Feynman point at:", machin.find("999999"), "within 300?", "999999" in machin)

longer = str(pi_machin(1000))
print("digit 1000 area:", longer[990:1001])
print("Feynman point at:", longer.find("999999"))
print("as float:", int(longer[:17]) / 10 ** 16)
