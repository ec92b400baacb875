# An inventory system with classes, dicts, exceptions and formatted reports.
class OutOfStock(Exception):
    def __init__(self, sku, wanted, have):
        super().__init__(f"{sku}: wanted {wanted}, have {have}")
        self.sku = sku
        self.wanted = wanted
        self.have = have


class Item:
    def __init__(self, sku, name, price, qty=0):
        self.sku = sku
        self.name = name
        self.price = price
        self.qty = qty

    def value(self):
        return self.price * self.qty

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, {self.price}, {self.qty})"


class Inventory:
    def __init__(self):
        self.items = {}
        self.log = []

    def add(self, sku, name, price, qty):
        if sku in self.items:
            self.items[sku].qty += qty
        else:
            self.items[sku] = Item(sku, name, price, qty)
        self.log.append(("add", sku, qty))

    def remove(self, sku, qty):
        item = self.items[sku]
        if item.qty < qty:
            raise OutOfStock(sku, qty, item.qty)
        item.qty -= qty
        self.log.append(("remove", sku, qty))
        if item.qty == 0:
            del self.items[sku]

    def total_value(self):
        return sum(i.value() for i in self.items.values())

    def report(self):
        lines = [f"{'SKU':<6}{'Name':<12}{'Qty':>5}{'Price':>9}{'Value':>10}"]
        for sku in sorted(self.items):
            i = self.items[sku]
            lines.append(f"{i.sku:<6}{i.name:<12}{i.qty:>5}{i.price:>9.2f}{i.value():>10.2f}")
        lines.append("-" * 42)
        lines.append(f"{'Total':<32}{self.total_value():>10.2f}")
        return "\n".join(lines)


inv = Inventory()
inv.add("A100", "widget", 2.50, 40)
inv.add("B200", "gadget", 12.99, 5)
inv.add("C300", "doohickey", 0.75, 200)
inv.add("A100", "widget", 2.50, 10)
print(inv.report())
inv.remove("C300", 150)
inv.remove("B200", 5)
try:
    inv.remove("A100", 51)
except OutOfStock as e:
    print("error:", e, e.sku, e.wanted, e.have)
try:
    inv.remove("Z999", 1)
except KeyError as e:
    print("missing sku", e)
print(inv.report())
print(sorted(inv.items.values(), key=lambda i: i.value()))
print(len(inv.log), inv.log[-1], [op for op, _, _ in inv.log].count("add"))
