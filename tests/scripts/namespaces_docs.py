"""Inventory helpers: namespaces, vars() and docstrings."""
# vars(), __dict__, globals(), locals(), delattr() and __doc__ of modules, classes and functions.


class Item:
    """A thing on a shelf."""

    kind = "generic"

    def __init__(self, name, qty):
        self.name = name
        self.qty = qty

    def describe(self):
        "One line about the item."
        return f"{self.name} x{self.qty}"


class Tool(Item):
    kind = "tool"


print(__doc__)
print(Item.__doc__, Tool.__doc__, Item("a", 1).__doc__, Item.describe.__doc__)
print(Item.__module__, __name__)
hammer = Tool("hammer", 2)
print(vars(hammer), hammer.__dict__ == vars(hammer))
hammer.weight = 1.5
print(list(hammer.__dict__), "kind" in vars(hammer), "kind" in vars(Tool))
delattr(hammer, "weight")
print(vars(hammer))
try:
    delattr(hammer, "weight")
except AttributeError as e:
    print(e)
print(sorted(k for k in vars(Item) if not k.startswith("__")))


def stock_report(items):
    total = 0
    for it in items:
        total += it.qty
    names = locals()
    return sorted(names), names["total"]


print(stock_report([hammer, Item("nail", 40)]))


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return sorted(locals())

    return bump


print(counter()())
g = globals()
print("Item" in g, "stock_report" in g, g["__name__"], "hammer" in vars())
try:
    vars(42)
except TypeError as e:
    print(e)
