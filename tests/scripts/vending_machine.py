# A vending machine class: coin handling, selection, change making and error states.
class VendingError(Exception):
    pass

class SoldOut(VendingError):
    pass

class NotEnoughMoney(VendingError):
    pass

class Machine:
    COINS = (200, 100, 50, 20, 10, 5)

    def __init__(self, stock):
        self.stock = {code: [name, price, qty] for code, (name, price, qty) in stock.items()}
        self.inserted = 0
        self.bank = {c: 5 for c in self.COINS}
        self.sales = []

    def insert(self, coin):
        if coin not in self.COINS:
            raise ValueError(f"rejected coin {coin}")
        self.inserted += coin
        self.bank[coin] += 1

    def change(self, amount):
        out = []
        for c in self.COINS:
            while amount >= c and self.bank[c] > 0:
                amount -= c
                self.bank[c] -= 1
                out.append(c)
        if amount:
            raise VendingError(f"cannot make change, short {amount}")
        return out

    def select(self, code):
        name, price, qty = self.stock[code]
        if qty == 0:
            raise SoldOut(f"{name} is sold out")
        if self.inserted < price:
            raise NotEnoughMoney(f"{name} costs {price}, inserted {self.inserted}")
        coins = self.change(self.inserted - price)
        self.stock[code][2] -= 1
        self.inserted = 0
        self.sales.append((name, price))
        return name, coins

    def refund(self):
        coins = self.change(self.inserted)
        self.inserted = 0
        return coins

m = Machine({"A1": ("cola", 120, 2), "A2": ("chips", 85, 1), "B1": ("gum", 35, 0)})
script = [("insert", 100), ("insert", 50), ("select", "A1"), ("insert", 50), ("select", "A2"),
          ("insert", 100), ("select", "A2"), ("select", "B1"), ("insert", 3), ("refund", None),
          ("insert", 200), ("select", "A1"), ("select", "Z9")]
for op, arg in script:
    try:
        if op == "insert":
            m.insert(arg)
            print(f"inserted {arg:>3}, credit {m.inserted}")
        elif op == "select":
            print("vend:", m.select(arg))
        else:
            print("refund:", m.refund())
    except VendingError as e:
        print(f"{type(e).__name__}: {e}")
    except (ValueError, KeyError) as e:
        print(f"{type(e).__name__}: {e}")
print(m.sales, sum(p for _, p in m.sales))
print({code: qty for code, (_, _, qty) in m.stock.items()})
