# Rendering aligned text tables with computed column widths, totals and number formats.
rows = [
    ("Widget", 4, 3.5),
    ("Gadget Pro", 1, 149.99),
    ("Nut", 250, 0.02),
    ("Bolt (M6)", 120, 0.085),
]
headers = ("Item", "Qty", "Unit", "Total")

def fmt_row(row):
    name, qty, unit = row
    return [name, str(qty), f"{unit:.3f}", f"{qty * unit:,.2f}"]

body = [fmt_row(r) for r in rows]
grand = sum(q * u for _, q, u in rows)
footer = ["TOTAL", str(sum(q for _, q, _ in rows)), "", f"{grand:,.2f}"]
widths = [max(len(r[i]) for r in [list(headers)] + body + [footer]) for i in range(4)]
align = ["<", ">", ">", ">"]

def line(cells):
    return "| " + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)) + " |"

sep = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
print(sep)
print(line(headers))
print(sep.replace("-", "="))
for r in body:
    print(line(r))
print(sep)
print(line(footer))
print(sep)

print("%-10s|%6s|%8s" % ("name", "qty", "price"))
for name, qty, unit in rows:
    print("%-10.10s|%6d|%8.2f" % (name, qty, unit))
print("{:^30}".format(" centered "))
print("{:*^30}".format(" stars "))
print("{0:>8}|{1:<8}|{0:^8}".format("ab", "cd"))
for n in [0, 7, -42, 1234567, 3.14159, -0.5]:
    print(f"[{n:>12}] [{n:<+12}] [{n:^12}]")
