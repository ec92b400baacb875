# datetime.timedelta: normalisation, float rounding, arithmetic, errors.
from datetime import timedelta, date, datetime
import random


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# Construction and normalisation
print(repr(timedelta()), repr(timedelta(0)), str(timedelta()))
print(repr(timedelta(1)), repr(timedelta(0, 1)), repr(timedelta(0, 0, 1)))
print(repr(timedelta(weeks=2, days=3, hours=4, minutes=5, seconds=6, milliseconds=7, microseconds=8)))
print(repr(timedelta(seconds=-1)), repr(timedelta(microseconds=-1)), repr(timedelta(hours=-25)))
print(repr(timedelta(seconds=86400 * 3 + 5)), repr(timedelta(milliseconds=1500)), repr(timedelta(minutes=-90)))
print(timedelta(days=True, seconds=False))
t = timedelta(days=2, hours=-3, microseconds=-250)
print(t.days, t.seconds, t.microseconds, t.total_seconds())

# Float arguments are rounded as CPython rounds them
floats = [timedelta(days=1.5), timedelta(hours=0.3), timedelta(minutes=2.25), timedelta(seconds=0.1234565),
          timedelta(microseconds=0.5), timedelta(microseconds=1.5), timedelta(microseconds=2.5),
          timedelta(microseconds=-0.5), timedelta(microseconds=-1.5), timedelta(milliseconds=0.0005),
          timedelta(days=1.5, hours=0.3, microseconds=0.5), timedelta(weeks=0.1), timedelta(seconds=1e-7),
          timedelta(days=-1.2345678), timedelta(hours=1 / 3), timedelta(seconds=2 / 3, microseconds=1 / 3),
          timedelta(days=365.2425), timedelta(seconds=1e9 + 0.5), timedelta(minutes=-0.000001)]
for f in floats:
    print(repr(f), str(f))
rng = random.Random(2024)
for _ in range(40):
    kwargs = {}
    for name in ('days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds'):
        if rng.random() < 0.6:
            kwargs[name] = rng.uniform(-1000, 1000) if rng.random() < 0.7 else rng.randint(-10 ** 6, 10 ** 6)
    td = timedelta(**kwargs)
    print(td.days, td.seconds, td.microseconds)

# str
for td in [timedelta(hours=5), timedelta(days=1), timedelta(days=-1), timedelta(days=2, seconds=3723),
           timedelta(days=-2, microseconds=5), timedelta(microseconds=10), timedelta(days=10 ** 6)]:
    print(str(td))
print(timedelta.min, timedelta.max, timedelta.resolution)
print(repr(timedelta.min), repr(timedelta.max))

# Range
attempt('too many days', lambda: timedelta(days=10 ** 9))
attempt('too few days', lambda: timedelta(days=-10 ** 9))
attempt('hours overflow', lambda: timedelta(hours=24 * 10 ** 9))
attempt('huge', lambda: timedelta(days=10 ** 10))
attempt('max plus', lambda: timedelta.max + timedelta.resolution)
attempt('neg min', lambda: -timedelta.min)
attempt('abs min', lambda: abs(timedelta.min))
attempt('infinite', lambda: timedelta(float('inf')))
attempt('nan', lambda: timedelta(seconds=float('nan')))
attempt('str days', lambda: timedelta('1'))
attempt('str hours', lambda: timedelta(hours='1'))
attempt('None seconds', lambda: timedelta(0, None))

# Arithmetic
a = timedelta(hours=10)
b = timedelta(minutes=45)
print(a + b, a - b, b - a, -a, +a, abs(-a), abs(b - a))
print(a * 3, 3 * a, a * 0.5, 0.25 * a, a * -1.5, a / 4, a / 3, a / 0.3, a // 7, b * True)
print(a / b, a // b, a % b, divmod(a, b), divmod(-a, b))
print(timedelta(microseconds=5) / 2, timedelta(microseconds=7) / 2, timedelta(microseconds=-5) / 2,
      timedelta(microseconds=1) * 0.5, timedelta(microseconds=3) * 0.5, timedelta(microseconds=5) // 2)
print(timedelta(days=1).total_seconds(), timedelta(microseconds=1).total_seconds(),
      timedelta(days=-1, microseconds=1).total_seconds(), timedelta.max.total_seconds())
print(sum([timedelta(minutes=m) for m in range(10)], timedelta()))
print(bool(timedelta()), bool(timedelta(microseconds=1)), bool(timedelta(days=-1)))
attempt('div zero', lambda: a / 0)
attempt('floordiv zero', lambda: a // 0)
attempt('div zero float', lambda: a / 0.0)
attempt('div zero delta', lambda: a / timedelta(0))
attempt('floordiv zero delta', lambda: a // timedelta(0))
attempt('mod zero delta', lambda: a % timedelta(0))
attempt('mul inf', lambda: a * float('inf'))
attempt('mul nan', lambda: a * float('nan'))
attempt('add int', lambda: a + 1)
attempt('radd int', lambda: 1 + a)
attempt('sub str', lambda: a - 'x')
attempt('rsub float', lambda: 1.5 - a)
attempt('mul delta', lambda: a * a)
attempt('mul str', lambda: a * 'x')
attempt('rmul list', lambda: [1] * a)
attempt('div str', lambda: a / 'x')
attempt('rdiv int', lambda: 1 / a)
attempt('floordiv float', lambda: a // 2.0)
attempt('mod int', lambda: a % 5)
attempt('sub date', lambda: a - date(2020, 1, 1))

# Comparisons
print(a > b, a < b, a == timedelta(minutes=600), a != b, a >= a, b <= a)
print(timedelta(days=-1) < timedelta(0) < timedelta(microseconds=1))
print(a == 5, a != 'x', a == None)
attempt('lt int', lambda: a < 5)
attempt('ge str', lambda: a >= 'x')
print(sorted([timedelta(hours=1), timedelta(0), timedelta(days=-1), timedelta(seconds=30)]))
print(max(timedelta(1), timedelta(2)), min([timedelta(hours=3), timedelta(minutes=200)]))

# Attributes are read-only
try:
    a.days = 3
except AttributeError:
    print('days is read-only')
