# A shopping cart with strategy-style discount rules, tax and receipt formatting.
class Product:
    def __init__(self, name, price, category):
        self.name, self.price, self.category = name, price, category

CATALOG = {p.name: p for p in [
    Product("apple", 0.40, "fruit"), Product("banana", 0.25, "fruit"),
    Product("bread", 2.20, "bakery"), Product("cheese", 5.75, "dairy"),
    Product("milk", 1.10, "dairy"), Product("wine", 12.00, "alcohol"),
]}

def buy_x_get_y(name, x, y):
    def rule(lines):
        qty = lines.get(name, 0)
        free = qty // (x + y) * y
        return (f"{name} {x}+{y}", free * CATALOG[name].price)
    return rule

def category_percent(category, pct):
    def rule(lines):
        total = sum(CATALOG[n].price * q for n, q in lines.items() if CATALOG[n].category == category)
        return (f"{pct}% off {category}", total * pct / 100)
    return rule

def spend_threshold(limit, amount):
    def rule(lines):
        subtotal = sum(CATALOG[n].price * q for n, q in lines.items())
        return (f"{amount:.2f} off over {limit}", amount if subtotal >= limit else 0)
    return rule

class Cart:
    TAX = {"alcohol": 0.20, "default": 0.05}
    def __init__(self, rules):
        self.lines = {}
        self.rules = rules
    def add(self, name, qty=1):
        if name not in CATALOG:
            raise KeyError(name)
        self.lines[name] = self.lines.get(name, 0) + qty
    def remove(self, name, qty=1):
        self.lines[name] -= qty
        if self.lines[name] <= 0:
            del self.lines[name]
    def receipt(self):
        out = []
        subtotal = 0
        for name in sorted(self.lines):
            q, p = self.lines[name], CATALOG[name].price
            subtotal += q * p
            out.append(f"{name:<10}{q:>3} x {p:>5.2f} = {q * p:>7.2f}")
        discounts = [(label, amt) for label, amt in (r(self.lines) for r in self.rules) if amt > 0]
        for label, amt in discounts:
            out.append(f"  {label:<24}-{amt:>7.2f}")
        tax = sum(CATALOG[n].price * q * self.TAX.get(CATALOG[n].category, self.TAX["default"]) for n, q in self.lines.items())
        total = subtotal - sum(a for _, a in discounts) + tax
        out.append(f"{'subtotal':<26}{subtotal:>8.2f}")
        out.append(f"{'tax':<26}{tax:>8.2f}")
        out.append(f"{'TOTAL':<26}{total:>8.2f}")
        return "\n".join(out)

cart = Cart([buy_x_get_y("apple", 3, 1), category_percent("dairy", 10), spend_threshold(20, 2.5)])
for name, q in [("apple", 9), ("milk", 2), ("cheese", 1), ("bread", 1), ("wine", 1), ("banana", 3)]:
    cart.add(name, q)
print(cart.receipt())
cart.remove("wine")
cart.remove("banana", 5)
print(cart.receipt())
try:
    cart.add("caviar")
except KeyError as e:
    print("unknown product", e)
