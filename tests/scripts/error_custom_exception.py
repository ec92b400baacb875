# An order validation pipeline with a custom exception hierarchy; the last order escapes uncaught.
class OrderError(Exception):
    pass

class InvalidQuantity(OrderError):
    pass

class UnknownProduct(OrderError):
    def __init__(self, product):
        super().__init__(f"unknown product: {product}")
        self.product = product

CATALOG = {"apple": 0.5, "pear": 0.75, "melon": 3.0}

def validate(order):
    product, qty = order
    if product not in CATALOG:
        raise UnknownProduct(product)
    if qty <= 0:
        raise InvalidQuantity(f"quantity must be positive, got {qty}")
    return CATALOG[product] * qty

orders = [("apple", 4), ("kiwi", 1), ("melon", 0), ("pear", 2)]
total = 0.0
for order in orders:
    try:
        cost = validate(order)
    except UnknownProduct as e:
        print("skip:", e, "| product =", e.product)
    except OrderError as e:
        print("reject:", type(e).__name__, e)
    else:
        total += cost
        print(f"ok: {order[0]} x{order[1]} = {cost:.2f}")
print(f"total {total:.2f}")
validate(("grape", 3))
