# An idle-game economy: upgrades grow exponentially; the integer bank is fine, the float UI is not.
import math

class Upgrade:
    def __init__(self, name, base_cost, growth, income):
        self.name = name
        self.base_cost = base_cost
        self.growth = growth
        self.income = income
        self.level = 0

    def cost(self):
        return self.base_cost * self.growth ** self.level

    def __repr__(self):
        return f"{self.name}(lv {self.level})"

SUFFIXES = ["", "K", "M", "B", "T", "Qa", "Qi", "Sx", "Sp", "Oc", "No", "Dc"]

def short(n):
    if n < 1000:
        return str(n)
    exp = (len(str(n)) - 1) // 3
    if exp < len(SUFFIXES):
        return f"{n / 10 ** (exp * 3):.2f}{SUFFIXES[exp]}"
    return f"{n / 10 ** (len(str(n)) - 1):.2f}e{len(str(n)) - 1}"

upgrades = [Upgrade("cursor", 15, 3, 1), Upgrade("farm", 1100, 5, 80), Upgrade("factory", 130000, 7, 2600)]
bank = 10 ** 6
income = 0
for tick in range(1, 401):
    bank += income
    for up in sorted(upgrades, key=lambda u: u.cost()):
        if up.cost() <= bank:
            bank -= up.cost()
            up.level += 1
            income = income * 2 + up.income
    if tick % 50 == 0:
        print(f"tick {tick:>3}: bank={short(bank):>10} income={short(income):>10} {upgrades}")

print("bank digits:", len(str(bank)), "income bits:", income.bit_length())
print("exact bank mod 1000:", bank % 1000)
print("log10 of bank:", round(math.log10(bank), 3))

def progress_bar(value, goal, width=30):
    filled = min(width, int(width * value / goal))
    return "[" + "#" * filled + "-" * (width - filled) + "]"

goal = upgrades[2].cost()
print(progress_bar(bank, goal), short(goal))
print("per-second display:", f"{float(income):.3e}")
