# A Money class implementing __format__ so f-strings can apply custom specs.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        value = self.cents / 100
        if spec == "words":
            return f"{self.cents // 100} dollars and {self.cents % 100} cents"
        return "$" + format(value, spec or ".2f")

m = Money(123456)
print(f"{m}", f"{m:,.2f}", f"{m:words}", "{:>12}".format(Money(5)))
