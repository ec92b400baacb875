# Converting integers between bases by hand and with built-ins: bin/oct/hex/int(x, base), two's complement.
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

def from_base(s, base):
    s = s.strip().lower()
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("-")
    total = 0
    for ch in s:
        d = DIGITS.index(ch)
        if d >= base:
            raise ValueError(f"digit {ch!r} invalid in base {base}")
        total = total * base + d
    return sign * total

for n in [0, 5, 255, -42, 1000, 2 ** 31 - 1]:
    print(f"{n:>11}", to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36))
    assert to_base(n, 2) == bin(n).replace("0b", "")
    assert to_base(n, 16) == hex(n).replace("0x", "")
    assert to_base(n, 8) == oct(n).replace("0o", "")
print(from_base("ff", 16), from_base("-777", 8), from_base("zz", 36), from_base("101010", 2))
print(int("ff", 16), int("777", 8), int("zz", 36), int("101010", 2), int("0x1A", 16), int("-12", 5))
print(all(from_base(to_base(n, b), b) == n for n in range(-50, 50) for b in (2, 3, 7, 16)))

def twos(n, bits=8):
    return format_bits(n & ((1 << bits) - 1), bits)

def format_bits(n, bits):
    return bin(n)[2:].zfill(bits)

print([twos(n) for n in (5, -5, 127, -128, -1)])
print(f"{255:b} {255:o} {255:x} {255:X} {255:08b} {-5:b} {10:#o} {48879:#x}")
try:
    from_base("129", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
