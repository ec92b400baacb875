# A Money value class with currency checks, integer cents, arithmetic/comparison dunders and allocation.
class CurrencyMismatch(Exception):
    pass

class Money:
    def __init__(self, cents, currency="USD"):
        self.cents = cents
        self.currency = currency

    @classmethod
    def of(cls, amount, currency="USD"):
        return cls(round(amount * 100), currency)

    def _check(self, other):
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} vs {other.currency}")

    def __add__(self, other):
        if other == 0:
            return self
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        self._check(other)
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, factor):
        return Money(round(self.cents * factor), self.currency)

    __rmul__ = __mul__

    def __eq__(self, other):
        if isinstance(other, Money):
            return self.cents == other.cents and self.currency == other.currency
        return self.cents == 0 and other == 0

    def __lt__(self, other):
        self._check(other)
        return self.cents < other.cents

    def __le__(self, other):
        return self == other or self < other

    def __bool__(self):
        return self.cents != 0

    def allocate(self, ratios):
        total = sum(ratios)
        shares = [self.cents * r // total for r in ratios]
        for i in range(self.cents - sum(shares)):
            shares[i] += 1
        return [Money(s, self.currency) for s in shares]

    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{abs(self.cents) // 100:,}.{abs(self.cents) % 100:02d} {self.currency}"

    def __repr__(self):
        return f"Money({self.cents}, {self.currency!r})"

a, b = Money.of(19.99), Money.of(5.01)
print(a + b, a - b, b - a, a * 3, 2 * b, a * 0.15)
print(sum([a, b, Money.of(100)]), sum([], Money(0)), bool(Money(0)), bool(a))
print(a > b, a <= a, sorted([a, b, Money.of(7)]), max(a, b))
print([str(m) for m in Money.of(100).allocate([1, 1, 1])], [str(m) for m in Money(1001).allocate([70, 20, 10])])
print(Money.of(1234567.891), repr(Money.of(0.1) + Money.of(0.2)), Money.of(0.1) + Money.of(0.2) == Money.of(0.3))
try:
    a + Money.of(1, "EUR")
except CurrencyMismatch as e:
    print("CurrencyMismatch:", e)
try:
    a + 5
except TypeError as e:
    print("TypeError:", e)
