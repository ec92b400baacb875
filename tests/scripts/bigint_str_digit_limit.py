# CPython refuses to convert ints with more than 4300 decimal digits to or from str (CVE-2020-10735).
import sys

print("limit:", sys.get_int_max_str_digits())

ok = 10 ** 4299
print("10**4299 has", len(str(ok)), "digits")
edge = 10 ** 4300 - 1
print("10**4300 - 1 has", len(str(edge)), "digits")

too_big = 10 ** 4300
try:
    text = str(too_big)
except ValueError as e:
    print("ValueError:", e)

try:
    print(f"{2 ** 20000}")
except ValueError as e:
    print("ValueError:", e)

try:
    int("9" * 5000)
except ValueError as e:
    print("ValueError:", e)

# Power-of-two bases are not limited, so hex() still works.
h = hex(too_big)
print("hex digits:", len(h) - 2, h[:12], h[-8:])
print("round trip via hex:", int(h, 16) == too_big)
print("bit length:", too_big.bit_length())

# Chunked decimal conversion by hand, 1000 digits at a time.
def to_decimal_chunks(n, chunk=1000):
    parts = []
    base = 10 ** chunk
    while n:
        n, r = divmod(n, base)
        parts.append(r)
    head = str(parts[-1])
    rest = [str(p).zfill(chunk) for p in reversed(parts[:-1])]
    return head + "".join(rest)

digits = to_decimal_chunks(too_big + 12345)
print("manual digits:", len(digits), digits[:5], digits[-6:])
big = 7 ** 6000
manual = to_decimal_chunks(big)
print("7**6000:", len(manual), "digits, leading", manual[:20], "digit sum", sum(map(int, manual)))

# Raising the limit makes str() work again; 0 disables it.
sys.set_int_max_str_digits(6000)
print(str(big) == manual, len(str(too_big)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 9000)))
sys.set_int_max_str_digits(4300)
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError:", e)
print(len(repr(2 ** 14000)))
