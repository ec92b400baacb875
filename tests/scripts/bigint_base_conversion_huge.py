# Converting very large integers between bases: int(s, base), hex/oct/bin, and format specs.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

def to_base(n, base):
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))

big = 3 ** 200
print("3**200 =", big)
print("hex:", hex(big))
print("oct:", oct(big)[:40] + "...")
print("bin length:", len(bin(big)) - 2, big.bit_length())
for base in (2, 7, 16, 36):
    s = to_base(big, base)
    print(f"base {base:>2}: {len(s):>3} digits, starts {s[:16]}, round trip {int(s, base) == big}")

neg = -(2 ** 100 + 12345)
print(hex(neg), oct(neg), to_base(neg, 36), int(to_base(neg, 36), 36) == neg)

# Prefixed literals and base 0 auto-detection.
for text in ["0x" + "f" * 30, "0o" + "7" * 30, "0b" + "1" * 80, "1_000_000_000_000_000_000_000", "-0XDEAD_BEEF_CAFE_BABE_0000"]:
    print(f"{text[:24]:<24} -> {int(text, 0)}")

# Format specs on huge numbers.
n = 2 ** 100
print(f"{n:,}")
print(f"{n:_}")
print(f"{n:x}")
print(f"{n:#X}")
print(f"{n:_x}")
print(f"{n:o}")
print(f"{n:>40}|")
print(f"{n:<40}|")
print(f"{n:^40}|")
print(f"{n:*^50,}")
print(f"{-n:+,}")
print(f"{n:+045,}")
print(f"{n:e}")
print(f"{n:.3e}")
print(format(n, "b")[:20], format(-n, "#b")[:12], format(10 ** 30, ","), format(10 ** 30, "_d"))

# Exact decimal digits of a power of two by repeated doubling of a digit list.
digits = [1]
for _ in range(256):
    carry = 0
    for i in range(len(digits)):
        carry, digits[i] = divmod(digits[i] * 2 + carry, 10)
    if carry:
        digits.append(carry)
print("2**256 by hand:", "".join(map(str, reversed(digits))) == str(2 ** 256), 2 ** 256)
