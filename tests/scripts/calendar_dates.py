# Date arithmetic by hand: leap years, day of week, day of year, days between dates, month calendar.
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

def month_days(y, m):
    return 29 if m == 2 and is_leap(y) else DAYS[m - 1]

def ordinal(y, m, d):
    y1 = y - 1
    days = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    days += sum(month_days(y, i) for i in range(1, m))
    return days + d

def weekday(y, m, d):
    return (ordinal(y, m, d) - 1) % 7

def from_ordinal(n):
    y = 1
    while True:
        length = 366 if is_leap(y) else 365
        if n <= length:
            break
        n -= length
        y += 1
        if n > 400 * 365:
            skip = (n // 146097) * 400
            if skip:
                y += skip
                n -= (skip // 400) * 146097
    m = 1
    while n > month_days(y, m):
        n -= month_days(y, m)
        m += 1
    return y, m, n

def fmt(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"

for date in [(2000, 1, 1), (2024, 2, 29), (1969, 7, 20), (2023, 12, 25), (1900, 3, 1)]:
    print(fmt(*date), NAMES[weekday(*date)], "day", ordinal(*date) - ordinal(date[0], 1, 1) + 1)
print([y for y in range(1896, 1912) if is_leap(y)], is_leap(2000), is_leap(2100))
print(ordinal(2024, 12, 25) - ordinal(2024, 1, 1), ordinal(2000, 1, 1) - ordinal(1970, 1, 1))
n = ordinal(2024, 2, 20)
print([fmt(*from_ordinal(n + k)) for k in (0, 9, 10, 365)])

def calendar(y, m):
    lines = [f"{y} {m:02d}".center(20).rstrip(), "Mo Tu We Th Fr Sa Su"]
    cells = ["  "] * weekday(y, m, 1) + [f"{d:>2}" for d in range(1, month_days(y, m) + 1)]
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]))
    return "\n".join(lines)

print(calendar(2024, 2))
print(calendar(2023, 10))
