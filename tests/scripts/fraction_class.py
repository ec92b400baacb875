# A Fraction class with normalisation, arithmetic dunders, comparisons and continued fractions.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

class Fraction:
    def __init__(self, num, den=1):
        if den == 0:
            raise ZeroDivisionError("fraction with zero denominator")
        if den < 0:
            num, den = -num, -den
        g = gcd(num, den) or 1
        self.num, self.den = num // g, den // g

    @staticmethod
    def _wrap(x):
        return x if isinstance(x, Fraction) else Fraction(x)

    def __add__(self, o):
        o = self._wrap(o)
        return Fraction(self.num * o.den + o.num * self.den, self.den * o.den)
    __radd__ = __add__

    def __sub__(self, o):
        o = self._wrap(o)
        return Fraction(self.num * o.den - o.num * self.den, self.den * o.den)

    def __mul__(self, o):
        o = self._wrap(o)
        return Fraction(self.num * o.num, self.den * o.den)
    __rmul__ = __mul__

    def __truediv__(self, o):
        o = self._wrap(o)
        return Fraction(self.num * o.den, self.den * o.num)

    def __eq__(self, o):
        o = self._wrap(o)
        return self.num == o.num and self.den == o.den

    def __lt__(self, o):
        o = self._wrap(o)
        return self.num * o.den < o.num * self.den

    def __le__(self, o):
        return self == o or self < o

    def __float__(self):
        return self.num / self.den

    def __repr__(self):
        return f"Fraction({self.num}, {self.den})"

    def __str__(self):
        return str(self.num) if self.den == 1 else f"{self.num}/{self.den}"

    def continued(self):
        n, d, out = self.num, self.den, []
        while d:
            q, r = divmod(n, d)
            out.append(q)
            n, d = d, r
        return out

half, third = Fraction(1, 2), Fraction(1, 3)
print(half + third, half - third, half * third, half / third, half + 1, 2 * third)
print(Fraction(6, -8), repr(Fraction(10, 5)), Fraction(0, 7))
print(half < third, third < half, half == Fraction(2, 4), half <= half, half == 0.5)
total = Fraction(0)
for k in range(1, 11):
    total = total + Fraction(1, k * (k + 1))
print("telescoping sum:", total)
h = sum((Fraction(1, k) for k in range(1, 8)), Fraction(0))
print("H7 =", h, round(float(h), 6))
print(sorted([Fraction(3, 4), Fraction(1, 5), Fraction(2, 3), Fraction(-1, 2)]))
print(Fraction(415, 93).continued(), Fraction(355, 113).continued())
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
