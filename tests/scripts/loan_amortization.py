# Loan amortization schedule, compound interest, and a savings goal solver with formatted tables.
def payment(principal, annual_rate, months):
    r = annual_rate / 12
    if r == 0:
        return principal / months
    return principal * r / (1 - (1 + r) ** -months)

def schedule(principal, annual_rate, months):
    pay = round(payment(principal, annual_rate, months), 2)
    balance = principal
    rows = []
    for m in range(1, months + 1):
        interest = round(balance * annual_rate / 12, 2)
        principal_part = pay - interest if m < months else balance
        balance = round(balance - principal_part, 2)
        rows.append((m, pay if m < months else round(principal_part + interest, 2), interest, round(principal_part, 2), balance))
    return rows

rows = schedule(10000, 0.06, 12)
print(f"{'month':>5} {'payment':>9} {'interest':>9} {'principal':>10} {'balance':>10}")
for m, pay, i, p, bal in rows:
    print(f"{m:>5} {pay:>9.2f} {i:>9.2f} {p:>10.2f} {bal:>10.2f}")
print(f"total interest: {sum(r[2] for r in rows):.2f}")
print(f"30y mortgage 300k at 4.5%: {payment(300000, 0.045, 360):.2f}/month, zero-rate: {payment(1200, 0, 12):.2f}")

def compound(p, rate, years, n=12):
    return p * (1 + rate / n) ** (n * years)

for years in (1, 5, 10, 30):
    print(f"{years:>2}y: {compound(1000, 0.05, years):>10.2f} {compound(1000, 0.05, years, 1):>10.2f}")

def months_to_goal(goal, monthly, rate):
    balance, months = 0.0, 0
    while balance < goal:
        balance = balance * (1 + rate / 12) + monthly
        months += 1
    return months, round(balance, 2)

print(months_to_goal(10000, 250, 0.04), months_to_goal(1000, 100, 0.0))
