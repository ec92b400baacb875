# Money as integer micro-cents: compound interest over centuries without float error.
SCALE = 10 ** 6  # micro-units per cent
CENTS = 100 * SCALE  # one currency unit

def money(text):
    whole, _, frac = text.partition(".")
    frac = (frac + "00")[:2]
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * CENTS + int(frac) * SCALE)

def fmt(amount):
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    cents = (amount + SCALE // 2) // SCALE  # round half up to whole cents
    units, cents = divmod(cents, 100)
    return f"{sign}${units:,}.{cents:02d}"

def apply_rate(amount, rate_ppm):
    # rate in parts per million
    return amount + amount * rate_ppm // 10 ** 6

balance = money("1000.00")
for year in range(1, 801):
    balance = apply_rate(balance, 50_000)  # 5% per year
    if year in (1, 10, 50, 100, 200, 400, 800):
        print(f"year {year:>3}: {fmt(balance)}")
print("digits in final balance:", len(str(balance // CENTS)))

# Float drift for comparison.
f = 1000.0
for _ in range(800):
    f *= 1.05
print("float estimate: %.6e" % f)
print("exact units:    %.6e" % (balance / CENTS))

# Splitting a huge pot fairly: remainders go to the first heirs.
def split(amount, ways):
    cents = amount // SCALE
    share, extra = divmod(cents, ways)
    return [(share + (1 if i < extra else 0)) * SCALE for i in range(ways)]

pot = balance
parts = split(pot, 7)
print([fmt(p)[:12] + "..." for p in parts[:3]])
print("sum preserved:", sum(parts) == pot // SCALE * SCALE, "diff:", parts[0] - parts[-1])

ledger = [money("19.99"), money("-5.25"), money("1234567.89"), money("0.01"), money("-0.99")]
print([fmt(x) for x in ledger], fmt(sum(ledger)))
print(f"{sum(ledger) // SCALE:_} cents")
debt = -(10 ** 30) * CENTS
print(fmt(debt), fmt(debt // 3))
