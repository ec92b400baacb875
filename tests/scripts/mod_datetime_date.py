# datetime.date: calendar arithmetic, ISO weeks, ordinals, errors.
from datetime import date, datetime, timedelta, MINYEAR, MAXYEAR
import random


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


d = date(2024, 2, 29)
print(d, repr(d), d.year, d.month, d.day, str(d), d.isoformat(), d.ctime())
print(date(1, 1, 1), date(9999, 12, 31), date.min, date.max, date.resolution, MINYEAR, MAXYEAR)
print(date(year=2000, month=1, day=2), date(5, 6, 7), repr(date(5, 6, 7)))

# Validation
attempt('year 0', lambda: date(0, 1, 1))
attempt('year 10000', lambda: date(10000, 1, 1))
attempt('month 0', lambda: date(2020, 0, 1))
attempt('month 13', lambda: date(2020, 13, 1))
attempt('day 0', lambda: date(2020, 1, 0))
attempt('feb 29 common', lambda: date(2023, 2, 29))
attempt('feb 29 1900', lambda: date(1900, 2, 29))
attempt('feb 29 2000', lambda: date(2000, 2, 29))
attempt('april 31', lambda: date(2020, 4, 31))
attempt('float year', lambda: date(2020.0, 1, 1))
attempt('str month', lambda: date(2020, '1', 1))
attempt('bool day', lambda: date(2020, 1, True))
attempt('huge year', lambda: date(2 ** 40, 1, 1))

# Weekdays, ordinals and ISO calendar
for y, m, dd in [(1, 1, 1), (1970, 1, 1), (2000, 2, 29), (2004, 12, 31), (2005, 1, 1), (2008, 12, 29),
                 (2009, 12, 31), (2010, 1, 3), (2020, 12, 31), (2021, 1, 3), (2026, 12, 7), (9999, 12, 31)]:
    x = date(y, m, dd)
    print(x, x.weekday(), x.isoweekday(), x.toordinal(), x.isocalendar(), tuple(x.isocalendar()))
cal = date(2021, 1, 1).isocalendar()
print(cal.year, cal.week, cal.weekday, cal[0], cal[-1], list(cal), len(cal), cal == (2020, 53, 5))
year, week, weekday = date(2019, 12, 30).isocalendar()
print(year, week, weekday)
print(date.fromordinal(1), date.fromordinal(730120), date.fromordinal(3652059))
attempt('ordinal 0', lambda: date.fromordinal(0))
attempt('ordinal too big', lambda: date.fromordinal(3652060))
print(date.fromisocalendar(2020, 53, 7), date.fromisocalendar(2021, 1, 1), date.fromisocalendar(2015, 53, 1))
attempt('week 53', lambda: date.fromisocalendar(2021, 53, 1))
attempt('week 0', lambda: date.fromisocalendar(2021, 0, 1))
attempt('weekday 8', lambda: date.fromisocalendar(2021, 1, 8))
attempt('iso year 0', lambda: date.fromisocalendar(0, 1, 1))

# Round trips over random days
rng = random.Random(7)
for _ in range(300):
    n = rng.randint(1, 3652059)
    x = date.fromordinal(n)
    assert x.toordinal() == n
    iy, iw, iday = x.isocalendar()
    assert date.fromisocalendar(iy, iw, iday) == x
    assert date.fromisoformat(x.isoformat()) == x
print('round trips ok')
print([str(date.fromordinal(rng.randint(1, 3652059))) for _ in range(8)])

# Arithmetic
d = date(2024, 1, 31)
print(d + timedelta(days=1), d + timedelta(days=29), d - timedelta(days=31), timedelta(days=400) + d)
print(d + timedelta(hours=47), d - timedelta(hours=1), d - timedelta(days=1, hours=23))
print(date(2024, 3, 1) - date(2023, 3, 1), date(2000, 1, 1) - date(2024, 1, 1), d - d)
attempt('past max', lambda: date.max + timedelta(days=1))
attempt('before min', lambda: date.min - timedelta(days=1))
attempt('date + date', lambda: d + d)
attempt('date + int', lambda: d + 1)
attempt('int - date', lambda: 1 - d)
attempt('date - datetime', lambda: d - datetime(2024, 1, 1))
attempt('delta - date', lambda: timedelta(1) - d)
days = [date(2024, 1, 1) + timedelta(days=k * 37) for k in range(10)]
print([x.strftime('%b %d') for x in days])

# Comparisons
a, b = date(2024, 5, 1), date(2024, 5, 2)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == date(2024, 5, 1))
print(a == datetime(2024, 5, 1), a != datetime(2024, 5, 1), a == '2024-05-01', a == None)
attempt('date < datetime', lambda: a < datetime(2024, 5, 1))
attempt('datetime >= date', lambda: datetime(2024, 5, 1) >= a)
attempt('date < int', lambda: a < 5)
print(sorted([date(2024, 1, 3), date(1999, 12, 31), date(2024, 1, 1)]))
print(max(date(2020, 1, 1), date(2021, 1, 1)), min([date(5, 5, 5), date(4, 4, 4)]))

# replace
print(d.replace(day=1), d.replace(month=2, day=29), d.replace(year=2000), d.replace())
attempt('replace bad', lambda: d.replace(month=2))

# Calendar of a month, the way a user would print it
first = date(2024, 2, 1)
print(first.strftime('%B %Y').center(20))
print('Mo Tu We Th Fr Sa Su')
line = '   ' * first.weekday()
x = first
while x.month == 2:
    line += '%2d ' % x.day
    if x.weekday() == 6:
        print(line.rstrip())
        line = ''
    x += timedelta(days=1)
if line:
    print(line.rstrip())

# Counting weekdays between two dates
start, end = date(2024, 1, 1), date(2024, 12, 31)
count = [0] * 7
x = start
while x <= end:
    count[x.weekday()] += 1
    x += timedelta(days=1)
print(count)


# A subclass keeps its type through arithmetic
class Day(date):
    def label(self):
        return 'day %s' % self.isoformat()


s = Day(2024, 6, 1)
print(repr(s), s.label(), type(s + timedelta(days=1)).__name__, type(s.replace(day=2)).__name__,
      isinstance(s, date), type(Day.fromordinal(5)).__name__)
