# datetime.datetime and datetime.time: fields, arithmetic, time zones, comparisons.
from datetime import datetime, date, time, timedelta, timezone, tzinfo, UTC
import time as clock


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


dt = datetime(2024, 3, 5, 13, 4, 5, 123456)
print(dt, repr(dt), dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, dt.tzinfo, dt.fold)
for x in [datetime(2024, 1, 1), datetime(2024, 1, 1, 5), datetime(2024, 1, 1, 5, 6, 7),
          datetime(2024, 1, 1, 0, 0, 0, 1), datetime(2024, 1, 1, fold=1)]:
    print(repr(x), str(x))
print(datetime.min, datetime.max, datetime.resolution, isinstance(dt, date))
print(dt.date(), dt.time(), repr(dt.timetz()), dt.toordinal(), dt.weekday(), dt.isocalendar(), dt.ctime())
print(datetime(1, 1, 1).ctime(), date(1, 1, 1).ctime())

# Validation
attempt('hour 24', lambda: datetime(2024, 1, 1, 24))
attempt('minute 60', lambda: datetime(2024, 1, 1, 1, 60))
attempt('second 60', lambda: datetime(2024, 1, 1, 1, 1, 60))
attempt('microsecond', lambda: datetime(2024, 1, 1, 1, 1, 1, 10 ** 6))
attempt('negative hour', lambda: datetime(2024, 1, 1, -1))
attempt('tzinfo int', lambda: datetime(2024, 1, 1, tzinfo=1))
attempt('fold 2', lambda: datetime(2024, 1, 1, fold=2))
attempt('float hour', lambda: datetime(2024, 1, 1, 1.5))
attempt('bad day', lambda: datetime(2023, 2, 29, 12))

# Arithmetic
print(dt + timedelta(hours=12), dt - timedelta(days=400, microseconds=123457), timedelta(seconds=1) + dt)
print(datetime(2024, 12, 31, 23, 59, 59, 999999) + timedelta(microseconds=1))
print(datetime(2024, 3, 1) - timedelta(seconds=1), datetime(2024, 3, 1) - datetime(2024, 2, 1, 12))
print(datetime(2000, 1, 1) - datetime(2024, 3, 5, 13, 4, 5), dt - dt)
attempt('past max', lambda: datetime.max + timedelta(microseconds=1))
attempt('before min', lambda: datetime.min - timedelta(days=1))
attempt('datetime + datetime', lambda: dt + dt)
attempt('datetime - date', lambda: dt - date(2024, 1, 1))
attempt('datetime + int', lambda: dt + 1)
print(dt.replace(hour=0, minute=0, second=0, microsecond=0), dt.replace(year=2020, day=1))
attempt('replace bad', lambda: dt.replace(month=2, day=30))

# Fixed-offset time zones
ist = timezone(timedelta(hours=5, minutes=30), 'IST')
est = timezone(-timedelta(hours=5))
odd = timezone(timedelta(hours=1, seconds=30, microseconds=1))
for tz in [timezone.utc, UTC, ist, est, odd, timezone.min, timezone.max, timezone(timedelta(0), 'Z')]:
    print(repr(tz), str(tz), tz.utcoffset(None), tz.dst(None), tz.tzname(None))
print(timezone.utc == timezone(timedelta(0)), ist == timezone(timedelta(hours=5.5)), ist != est, ist == 5)
attempt('offset int', lambda: timezone(5))
attempt('offset day', lambda: timezone(timedelta(days=1)))
attempt('offset -day', lambda: timezone(-timedelta(hours=24)))
attempt('name int', lambda: timezone(timedelta(0), 5))
attempt('utcoffset arg', lambda: ist.utcoffset(5))
attempt('fromutc naive', lambda: ist.fromutc(datetime(2024, 1, 1)))
attempt('fromutc date', lambda: ist.fromutc(date(2024, 1, 1)))
print(ist.fromutc(datetime(2024, 1, 1, tzinfo=ist)))

a = datetime(2024, 6, 1, 12, 0, tzinfo=ist)
print(a, repr(a), a.utcoffset(), a.dst(), a.tzname(), a.isoformat(), a.timestamp())
print(a.astimezone(timezone.utc), a.astimezone(est), a.astimezone(odd), a.astimezone(ist) is a)
print(repr(a.astimezone()), datetime(2024, 6, 1, 12).astimezone(est))
print(datetime(2024, 6, 1, 12, tzinfo=odd).isoformat(), datetime(2024, 6, 1, 12, tzinfo=est).isoformat())
print(datetime(2024, 6, 1, tzinfo=timezone(-timedelta(seconds=1))).isoformat())
attempt('astimezone int', lambda: a.astimezone(5))
b = a.astimezone(est)
print(a == b, a - b, b - a, a <= b, a < b + timedelta(microseconds=1))
print(a - datetime(2024, 6, 1, 6, 30, tzinfo=timezone.utc), a.replace(tzinfo=None))
naive = datetime(2024, 6, 1, 12)
print(naive == a, naive != a)
attempt('naive < aware', lambda: naive < a)
attempt('aware >= naive', lambda: a >= naive)
attempt('naive - aware', lambda: naive - a)
print(sorted([b, a + timedelta(minutes=1), a - timedelta(hours=1)]))
print(datetime.combine(date(2024, 1, 2), time(3, 4, 5)), repr(datetime.combine(date(2024, 1, 2), time(3, tzinfo=est))))
print(repr(datetime.combine(date(2024, 1, 2), time(3, tzinfo=est), tzinfo=None)))
print(repr(datetime.combine(date(2024, 1, 2), time(3), ist)))
attempt('combine int', lambda: datetime.combine(1, time()))
attempt('combine date date', lambda: datetime.combine(date(2024, 1, 1), date(2024, 1, 1)))

# Timestamps (this machine's local time is UTC)
for ts in [0, 1, 1.5, -1.5, 1e9, 1709643845.123456, -0.0000005, 0.9999999, 951782400, -62135596800, 253402300799]:
    print(ts, datetime.utcfromtimestamp(ts), datetime.fromtimestamp(ts, timezone.utc))
print(datetime.fromtimestamp(1.5e9, ist), date.fromtimestamp(86400 * 365.5), date.fromtimestamp(-1.5))
print(datetime(2024, 3, 5, 13, 4, 5, 1).timestamp(), datetime(1970, 1, 1, tzinfo=est).timestamp())
print(datetime(1, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(9999, 1, 1, 0, 0, 0, 999999).timestamp())
attempt('timestamp far', lambda: datetime.fromtimestamp(1e20))
attempt('timestamp year', lambda: datetime.utcfromtimestamp(1e12))
attempt('timestamp str', lambda: datetime.fromtimestamp('0'))
attempt('timestamp nan', lambda: datetime.fromtimestamp(float('nan')))
attempt('date timestamp', lambda: date.fromtimestamp(-62135596801))
attempt('tz type', lambda: datetime.fromtimestamp(0, 5))

# The clock
now = datetime.now()
later = datetime.now()
print(type(now).__name__, later >= now, abs(now.timestamp() - clock.time()) < 5, now.tzinfo)
print(abs(datetime.utcnow() - now) < timedelta(seconds=5), datetime.now(timezone.utc).tzinfo, date.today() == now.date() or 'midnight')
print(datetime.today().year >= 2024, datetime.now(ist).utcoffset())

# time objects
t = time(13, 4, 5, 6)
print(t, repr(t), t.hour, t.minute, t.second, t.microsecond, t.tzinfo, t.fold)
for x in [time(), time(1), time(1, 2), time(1, 2, 3), time(fold=1), time(4, tzinfo=ist), time(23, 59, 59, 999999, est)]:
    print(repr(x), str(x), x.utcoffset(), x.tzname(), x.dst())
print(time.min, time.max, time.resolution, bool(time()), bool(time(0, 0, tzinfo=ist)))
print(t.isoformat(), t.isoformat('hours'), t.isoformat('minutes'), t.isoformat('seconds'),
      t.isoformat('milliseconds'), t.isoformat('microseconds'), time(4, tzinfo=odd).isoformat())
attempt('timespec', lambda: t.isoformat('bogus'))
attempt('timespec int', lambda: t.isoformat(5))
attempt('hour 24', lambda: time(24))
attempt('tz str', lambda: time(1, tzinfo='UTC'))
print(t.replace(hour=1), t.replace(tzinfo=ist), repr(time(1, tzinfo=ist).replace(tzinfo=None)), repr(t.replace(fold=1)))
print(time(1) < time(2), time(1, 0, 0, 1) > time(1), time(12) == time(12, tzinfo=None))
print(time(12, tzinfo=ist) == time(6, 30, tzinfo=timezone.utc), time(12, tzinfo=ist) < time(7, tzinfo=timezone.utc))
print(time(1) == time(1, tzinfo=ist), time(1) != time(1, tzinfo=ist))
attempt('naive < aware time', lambda: time(1) < time(1, tzinfo=ist))
attempt('time < int', lambda: time(1) < 1)
attempt('time + delta', lambda: time(1) + timedelta(hours=1))
print(sorted([time(5), time(1, 30), time(23)]))


# A tzinfo subclass with daylight saving time
class Eastern(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=-5) + self.dst(dt)

    def dst(self, dt):
        if dt is None:
            return timedelta(0)
        start = datetime(dt.year, 3, 10, 2)
        end = datetime(dt.year, 11, 3, 1)
        if start <= dt.replace(tzinfo=None) < end:
            return timedelta(hours=1)
        return timedelta(0)

    def tzname(self, dt):
        return 'EDT' if self.dst(dt) else 'EST'

    def __repr__(self):
        return 'Eastern()'


east = Eastern()
summer = datetime(2024, 7, 4, 12, tzinfo=east)
winter = datetime(2024, 1, 4, 12, tzinfo=east)
print(summer, summer.tzname(), summer.dst(), winter, winter.tzname(), repr(winter))
print(summer.astimezone(timezone.utc), winter.astimezone(timezone.utc))
print(datetime(2024, 7, 4, 16, tzinfo=timezone.utc).astimezone(east))
print(datetime(2024, 1, 4, 17, tzinfo=timezone.utc).astimezone(east).strftime('%H:%M %Z %z'))
print(summer - winter, summer > winter, time(12, tzinfo=east).utcoffset())


class Broken(tzinfo):
    def utcoffset(self, dt):
        return 60


class TooBig(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=25)

    def tzname(self, dt):
        return 42


attempt('utcoffset int', lambda: datetime(2024, 1, 1, tzinfo=Broken()).utcoffset())
attempt('utcoffset big', lambda: datetime(2024, 1, 1, tzinfo=TooBig()).isoformat())
attempt('tzname int', lambda: datetime(2024, 1, 1, tzinfo=TooBig()).tzname())
attempt('abstract', lambda: datetime(2024, 1, 1, tzinfo=tzinfo()).utcoffset())
attempt('abstract name', lambda: tzinfo().tzname(None))
attempt('abstract dst', lambda: tzinfo().dst(None))

# Time tuples
tt = datetime(2024, 3, 5, 13, 4, 5, 6).timetuple()
print(tt, tt.tm_year, tt.tm_yday, tt.tm_wday, tt.tm_isdst, tt[0], tt[-1], len(tt), list(tt)[:3])
print(date(2024, 12, 31).timetuple(), tuple(date(2023, 1, 1).timetuple()) == (2023, 1, 1, 0, 0, 0, 6, 1, -1))
print(summer.timetuple(), winter.timetuple().tm_isdst, a.timetuple().tm_isdst)
print(summer.utctimetuple(), a.utctimetuple(), naive.utctimetuple())
year, month, day, *rest = datetime(2000, 2, 29, 23).timetuple()
print(year, month, day, rest)
