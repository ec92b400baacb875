# datetime: strftime, format(), isoformat, fromisoformat and strptime.
from datetime import datetime, date, time, timedelta, timezone


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


dt = datetime(2024, 3, 5, 13, 4, 5, 123)
print(dt.strftime('%Y-%m-%d %H:%M:%S.%f'))
print(dt.strftime('%a %A %b %B %h %j %U %W %w %u %V %G %g %p %I %y %C %e %k %l %P'))
print(dt.strftime('%c | %x | %X | %D | %F | %T | %R | %r | %s | %%'))
print(repr(dt.strftime('%n%t')), repr(dt.strftime('%z|%Z')), repr(dt.strftime('')), repr(dt.strftime('plain text')))
print(dt.strftime('%-d|%_d|%0e|%^a|%^B|%#a|%-H|%-I|%-j|%_H|%-m|%-M|%-S|%-y|%-Y|%10d|%5Y|%1d|%3j'))
print(repr(dt.strftime('%10e|%_5m|%-5d|%05e|%10a|%-10a|%_10B|%^10b|%10p|%#10p|%010a|%^_5a|%_3H|%^c')))
print(repr(dt.strftime('%Q|%-f|%E|%O|%Ey|%Od|%:z|%#A|%#b|%^P|%#P|%10n|%5%|%Ef|%-z|%5Q')))
print(repr(dt.strftime('%')), repr(dt.strftime('100%')), repr(dt.strftime('%%f %%z')), repr(dt.strftime('%5')))
print(dt.strftime('%Y年%m月%d日'), dt.strftime('week %U of %Y, day %j'))
for y in [1, 5, 50, 999, 2024, 9999]:
    print(repr(datetime(y, 1, 3, 5, 6, 7).strftime('%Y|%C|%y|%G|%g|%F|%c|%D|%_Y|%3Y|%3C')))
for day in range(1, 15):
    x = date(2023, 1, day)
    print(x.strftime('%a %d: U=%U W=%W V=%V G=%G u=%u w=%w j=%j'))
for month in range(1, 13):
    print(date(2024, month, 1).strftime('%b %B %m'), end='; ')
print()
for hour in [0, 1, 11, 12, 13, 23]:
    print(time(hour, 30).strftime('%H %I %p %k %l %P %r'), end=' | ')
print()
aware = datetime(2024, 3, 5, 13, 4, 5, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
print(aware.strftime('%z %Z'), datetime(2024, 1, 1, tzinfo=timezone.utc).strftime('%z %Z'))
print(datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=3, seconds=5, microseconds=7), 'X%Y')).strftime('%z|%Z'))
print(repr(date(2024, 3, 5).strftime('%H:%M:%S.%f %z|%Z|%p|%I')), repr(time(13, 4, 5).strftime('%Y-%m-%d %j %a %U')))
print(time(1, 2, tzinfo=timezone.utc).strftime('%H:%M %z %Z'))
attempt('strftime int', lambda: dt.strftime(5))

# format() and f-strings
print(format(dt, '%d/%m/%Y'), format(dt), format(dt, ''), f'{dt:%H:%M}', f'{date(2024, 1, 2):%A}', f'{time(5):%I %p}')
print('{:%Y}'.format(dt), '{}'.format(date(2024, 1, 2)), f'{time(1, 2, 3)}', f'{dt!r}')
attempt('format int spec', lambda: dt.__format__(5))

# isoformat
print(dt.isoformat(), dt.isoformat(' '), dt.isoformat('x', 'hours'), dt.isoformat(timespec='minutes'))
print(dt.isoformat(timespec='seconds'), dt.isoformat(timespec='milliseconds'), dt.isoformat(timespec='microseconds'))
print(datetime(2024, 1, 1).isoformat(), datetime(2024, 1, 1).isoformat(timespec='microseconds'), date(5, 6, 7).isoformat())
print(aware.isoformat(), datetime(1, 1, 1, tzinfo=timezone(timedelta(seconds=3630, microseconds=1))).isoformat())
attempt('sep too long', lambda: dt.isoformat('ab'))
attempt('sep int', lambda: dt.isoformat(5))
attempt('bad timespec', lambda: dt.isoformat(timespec='days'))

# fromisoformat, every form CPython 3.11 reads
tests = ['2020-01-01T24:00', '2020-01-01T10:00:00.1234567', '2020-01-01T10:00:00.', '2020-01-01T10:00:00,5',
         '2020-01-01T10', '2020-01-01T1000', '2020-01-01T10:0000', '2020-01-01T1000:00', '2020-01-01T10:00+01',
         '2020-01-01T10:00+0130', '2020-01-01T10:00+01:30:15.5', '2020-01-01T10:00-01:30:15.123456',
         '2020-01-01T10:00Z', '2020-01-01T10:00z', '2020-01-01 10:00', '2020-01-01x10:00', '2020-01-01',
         '2020-01-01T', '2020-01-0110:00', '20200101', '20200101T10', '2020W01', '2020-W01', '2020-W01-1T10',
         '2020W011T10', '2020-W011', '2020-W53-1', '2020-W54-1', '2021-W53-1', '2020-01-01T10:00:60',
         '2020-01-01T10:00+24:00', '2020-01-01T10:00+23:59:59.999999', ' 2020-01-01',
         '2020-01-01T10:00:00+01:00junk', '2020-02-30', '2020-13-01', '0000-01-01',
         '2020-01-01T10:00:00.123+', '2020-1-1', '2020-01-01T10:00:00Z+01', '2020-01-01T10:00:00-00:00',
         '2020-01-01T10:00:00.000001+00:00', '2020-01-01T235959.5', '2020-01-01T23:59:59.999999999']
for s in tests:
    attempt(s, lambda: datetime.fromisoformat(s))
for s in ['2020-01-01', '20200101', '2020-W01-2', '2020W012', '2020-W01', '2020W01', '2020-01', '202001',
          '2020-01-01T00', '2020-001', '', '2020-02-30']:
    attempt('date ' + s, lambda: date.fromisoformat(s))
for s in ['10', '10:00', '1000', '10:00:00', '100000', '10:00:00.5', '10:00:00,123456789', 'T10:00', 't10',
          '10:00Z', '10:00+01:00', '10:00:00+0100', '24:00', '10:60', '10:00:00.', '1', '10:0', '10:00:00.1Z',
          '', 'T', '10:00 ', '10:00:00+01:00:00', '10+01', '10:00:00-05:30']:
    attempt('time ' + s, lambda: time.fromisoformat(s))
attempt('not str', lambda: datetime.fromisoformat(5))
attempt('date not str', lambda: date.fromisoformat(None))
for x in [dt, aware, datetime(2024, 1, 1), datetime(2024, 1, 1, 0, 0, 0, 5, tzinfo=timezone.utc)]:
    print(datetime.fromisoformat(x.isoformat()) == x, datetime.fromisoformat(str(x)) == x)

# strptime
cases = [('2024-03-05 13:04:05', '%Y-%m-%d %H:%M:%S'),
         ('5 March 2024 1:04 pm', '%d %B %Y %I:%M %p'),
         ('05/03/24', '%d/%m/%y'), ('05/03/69', '%d/%m/%y'), ('05/03/68', '%d/%m/%y'),
         ('Tue Mar  5 13:04:05 2024', '%c'), ('03/05/24', '%x'), ('13:04:05', '%X'),
         ('2024-03-05T13:04:05.123', '%Y-%m-%dT%H:%M:%S.%f'),
         ('2024-03-05 13:04:05 +0530', '%Y-%m-%d %H:%M:%S %z'),
         ('2024-03-05 13:04:05 -05:30', '%Y-%m-%d %H:%M:%S %z'),
         ('2024-03-05 13:04:05 Z', '%Y-%m-%d %H:%M:%S %z'),
         ('2024-03-05 13:04:05 +01:02:03.5', '%Y-%m-%d %H:%M:%S %z'),
         ('2024-03-05 13:04:05 UTC +0000', '%Y-%m-%d %H:%M:%S %Z %z'),
         ('2024-03-05 13:04:05 GMT', '%Y-%m-%d %H:%M:%S %Z'),
         ('12 AM', '%I %p'), ('12 PM', '%I %p'), ('7', '%I'), ('MARCH 5', '%B %d'), ('mar 5', '%b %d'),
         ('2024 65', '%Y %j'), ('2024 366', '%Y %j'), ('2024 10 2', '%Y %W %w'), ('2024 0 3', '%Y %U %w'),
         ('2024 0 Monday', '%Y %W %A'), ('2023 0 Sun', '%Y %U %a'), ('2024 52 6', '%Y %U %w'),
         ('2024 10 2', '%G %V %u'), ('2021 53 1', '%G %V %u'), ('2020 53 Fri', '%G %V %a'),
         ('02-29', '%m-%d'), ('1999', '%Y'), ('', ''), ('  5   3  ', ' %d %m '), ('5\t\n3', '%d %m'),
         ('2024-03-05', '%Y-%m-%d %H'), ('2024-03-05 extra', '%Y-%m-%d'), ('2024-3-5', '%Y-%m-%d'),
         ('123', '%H%M'), ('1234', '%H%M'), ('12345', '%H%M%S'), ('2024', '%y'), ('99', '%Y'),
         ('31/02/2024', '%d/%m/%Y'), ('5 mar', '%d %Q'), ('5', '%d %'), ('5', '%'), ('100%', '%d%%'),
         ('T10', 't%H'), ('Mon', '%a'), ('2024 10', '%G %V'), ('2024 10 1', '%Y %V %u'),
         ('2024 10 1', '%G %V %u %j'), ('1:2:3', '%H:%M:%S'), ('23:59:60', '%H:%M:%S'),
         ('2024-03-05 +01', '%Y-%m-%d %z'), ('2024-03-05 +0130:00', '%Y-%m-%d %z')]
for text, fmt in cases:
    attempt('%r %r' % (text, fmt), lambda: datetime.strptime(text, fmt))
attempt('strptime int', lambda: datetime.strptime(5, '%Y'))
attempt('strptime fmt int', lambda: datetime.strptime('5', 5))

# Round trip through strftime and strptime
fmt = '%Y-%m-%d %H:%M:%S.%f %z'
for x in [aware, datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
          datetime(1000, 1, 1, tzinfo=timezone(timedelta(hours=-23, minutes=-59)))]:
    back = datetime.strptime(x.strftime(fmt), fmt)
    print(back == x, repr(back))

# glibc's corners: refused modifiers, flags in any order, padding of %s, and
# CPython reading %z/%Z/%f before the C library does
odd = [datetime(2024, 3, 5, 13, 4, 5, 123), datetime(5, 11, 9, 0, 30, 7, tzinfo=timezone(timedelta(hours=-2))),
       datetime(1900, 1, 1)]
for f in ['%Ea', '%^Ea', '%#Eb', '%6Od', '%Ey', '%EY', '%OY', '%Ox', '%Oe', '%-06d', '%0_6d', '%_-6d',
          '%-6p', '%06a', '%^#6a', '%6Z', '%06Z', '%-6z', '%15s', '%015s', '%-15s', '%12s', '%^11q', '%#9f',
          '%^-E%Z%C', '%%f', '%%%f', '%^%z', '%5', '%-', '%06', '%^#P', '%#p', '%_6B', '%-07EE']:
    print(repr(f), [x.strftime(f) for x in odd])
