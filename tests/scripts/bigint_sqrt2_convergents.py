# Square-root convergents (Project Euler 57) and an exact Fraction-like class on big integers.
from math import gcd

class Frac:
    def __init__(self, num, den=1):
        if den == 0:
            raise ZeroDivisionError("Frac with zero denominator")
        if den < 0:
            num, den = -num, -den
        g = gcd(num, den)
        self.num = num // g
        self.den = den // g

    def __add__(self, other):
        other = other if isinstance(other, Frac) else Frac(other)
        return Frac(self.num * other.den + other.num * self.den, self.den * other.den)

    __radd__ = __add__

    def __truediv__(self, other):
        other = other if isinstance(other, Frac) else Frac(other)
        return Frac(self.num * other.den, self.den * other.num)

    def __rtruediv__(self, other):
        return Frac(other) / self

    def __eq__(self, other):
        return self.num == other.num and self.den == other.den

    def __float__(self):
        return self.num / self.den

    def __repr__(self):
        return f"{self.num}/{self.den}"

x = Frac(1)
count = 0
expansions = []
for i in range(1, 1001):
    x = 1 + 1 / (1 + x)
    if i <= 8:
        expansions.append(repr(x))
    if len(str(x.num)) > len(str(x.den)):
        count += 1
print(expansions)
print("numerator has more digits in", count, "of the first 1000 expansions")
print("1000th expansion digits:", len(str(x.num)), len(str(x.den)))
print("as float:", float(x))
print("error tiny:", abs(x.num * x.num - 2 * x.den * x.den))

# Same convergents by the recurrence, no gcd needed.
p, q = 1, 1
for _ in range(1000):
    p, q = p + 2 * q, p + q
print("recurrence agrees:", (p, q) == (x.num, x.den))
print("last 12 digits:", p % 10 ** 12, q % 10 ** 12)

# Harmonic numbers as exact fractions.
h = Frac(0)
for k in range(1, 101):
    h = h + Frac(1, k)
print("H(100) =", h)
print("H(100) ~", float(h), "denominator digits:", len(str(h.den)))

# Egyptian fraction by greedy algorithm: denominators explode quickly.
def egyptian(num, den):
    parts = []
    while num:
        d = -(-den // num)
        parts.append(d)
        num, den = num * d - den, den * d
        g = gcd(num, den)
        if g:
            num, den = num // g, den // g
    return parts

for a, b in [(4, 13), (5, 121), (7, 15)]:
    parts = egyptian(a, b)
    print(f"{a}/{b} = " + " + ".join(f"1/{d}" for d in parts))
print(Frac(3, 0))
