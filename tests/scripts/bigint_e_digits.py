# Digits of e: the classic spigot (Rabinowitz-Wagon style) and a fixed-point series sum.
def e_spigot(n_digits):
    # mixed-radix representation 2.1111... in base (1/2, 1/3, 1/4, ...)
    size = n_digits + 10
    a = [1] * size
    out = ["2."]
    for _ in range(n_digits):
        carry = 0
        for i in range(size - 1, -1, -1):
            x = a[i] * 10 + carry
            a[i] = x % (i + 2)
            carry = x // (i + 2)
        out.append(str(carry))
    return "".join(out)

def e_fixed_point(n_digits):
    unity = 10 ** (n_digits + 10)
    total = 0
    term = unity
    k = 0
    while term:
        total += term
        k += 1
        term //= k
    return total // 10 ** 10

digits = 250
s = e_spigot(digits)
f = str(e_fixed_point(digits))
print(s[:2] + s[2:62])
print("series agrees:", s.replace(".", "") == f[:digits + 1])
for i in range(1, len(f), 50):
    print(f"{i:>4} {f[i:i + 50]}")

# Convergents of the continued fraction [2; 1, 2, 1, 1, 4, 1, 1, 6, ...]
def e_terms(count):
    terms = [2]
    k = 1
    while len(terms) < count:
        terms.extend([1, 2 * k, 1])
        k += 1
    return terms[:count]

h0, h1 = 1, e_terms(1)[0]
k0, k1 = 0, 1
for a in e_terms(60)[1:]:
    h0, h1 = h1, a * h1 + h0
    k0, k1 = k1, a * k1 + k0
print("60th convergent:", h1, "/", k1)
scaled = h1 * 10 ** 40 // k1
print("matches e to 40 places:", str(scaled) == f[:41], str(scaled))
print("as a float:", h1 / k1)
print("numerator bits:", h1.bit_length(), "denominator digits:", len(str(k1)))
