# Schoolbook and Karatsuba multiplication on digit lists, checked against built-in big ints.
def to_digits(n):
    return [int(c) for c in reversed(str(n))]

def from_digits(ds):
    return int("".join(map(str, reversed(ds)))) if ds else 0

def schoolbook(a, b):
    da, db = to_digits(a), to_digits(b)
    out = [0] * (len(da) + len(db))
    for i, x in enumerate(da):
        carry = 0
        for j, y in enumerate(db):
            cur = out[i + j] + x * y + carry
            carry, out[i + j] = divmod(cur, 10)
        k = i + len(db)
        while carry:
            cur = out[k] + carry
            carry, out[k] = divmod(cur, 10)
            k += 1
    while len(out) > 1 and out[-1] == 0:
        out.pop()
    return from_digits(out)

calls = 0

def karatsuba(x, y):
    global calls
    calls += 1
    if x < 10 ** 8 or y < 10 ** 8:
        return x * y
    m = max(len(str(x)), len(str(y))) // 2
    base = 10 ** m
    x1, x0 = divmod(x, base)
    y1, y0 = divmod(y, base)
    z2 = karatsuba(x1, y1)
    z0 = karatsuba(x0, y0)
    z1 = karatsuba(x1 + x0, y1 + y0) - z2 - z0
    return z2 * base * base + z1 * base + z0

a = 3141592653589793238462643383279502884197169399375105820974944592
b = 2718281828459045235360287471352662497757247093699959574966967627
print(schoolbook(a, b))
print(schoolbook(a, b) == a * b)
print(karatsuba(a, b) == a * b, "recursive calls:", calls)

x = 7 ** 300
y = 11 ** 280
calls = 0
product = karatsuba(x, y)
print("7**300 * 11**280 digits:", len(str(product)), "calls:", calls, "ok:", product == x * y)
print("last 30 digits:", str(product)[-30:])

# Squaring a repunit gives the palindrome 12345678987654321 pattern for short lengths.
for n in range(1, 12):
    r = int("1" * n)
    print(n, karatsuba(r, r))

# Negative operands go through the sign separately.
def mul_signed(a, b):
    sign = -1 if (a < 0) != (b < 0) else 1
    return sign * karatsuba(abs(a), abs(b))

print(mul_signed(-(10 ** 40 + 1), 10 ** 40 - 1), -(10 ** 80) + 1)
print(mul_signed(-(2 ** 200), -(3 ** 100)) == 2 ** 200 * 3 ** 100)
