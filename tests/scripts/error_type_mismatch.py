# Summing a mixed ledger: handled TypeErrors, then an uncaught one from str + int.
ledger = [("coffee", 3), ("book", 12), ("refund", -5), ("gift", "10")]

def total(entries):
    t = 0
    bad = []
    for name, amount in entries:
        try:
            t += amount
        except TypeError as e:
            bad.append((name, str(e)))
    return t, bad

t, bad = total(ledger)
print("total", t)
for name, msg in bad:
    print("skipped", name, "-", msg)
try:
    len(42)
except TypeError as e:
    print("len:", e)
try:
    None + 1
except TypeError as e:
    print("none:", e)

def label(name, amount):
    return name + ": " + amount

print(label("coffee", "3"))
print(label("book", 12))
