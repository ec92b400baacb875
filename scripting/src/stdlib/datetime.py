"""Dates, times and durations, as CPython's `datetime` module has them.

Offers `date`, `time`, `datetime`, `timedelta`, `tzinfo`, `timezone` (fixed
offsets, `timezone.utc`, `UTC`), `MINYEAR` and `MAXYEAR`: CPython's
arithmetic (with its rounding of floats in timedelta), comparisons (naive
against aware as CPython refuses them), normalisation, repr and str,
isoformat/fromisoformat (every ISO 8601 form CPython 3.11 reads),
strftime/strptime and `format()` (the directives of glibc's strftime in
the C locale, with the `-`, `_`, `0`, `^`, `#` flags and widths),
weekday/isoweekday/isocalendar/fromisocalendar, toordinal/fromordinal,
combine, replace, astimezone, timestamp/fromtimestamp, min/max/resolution,
and subclasses of `tzinfo` written in scripts.

The clock is read through `time.time()`; local time is taken to be UTC
(Shoal has no time zone database), so `now()` equals `utcnow()` and
`astimezone()` without an argument gives `timezone(timedelta(0), 'UTC')`.

`timetuple()` and `utctimetuple()` return a stand-in for `time.struct_time`
(which Shoal's `time` lacks): it has the tm_ fields, indexes, unpacks and
compares with tuples like it, but is not a tuple.

Left out: pickling, `datetime_CAPI`, and `%c`/`%x`/`%X` for locales other than C.
Where Shoal differs: `isocalendar()` returns an object that indexes,
unpacks and compares like CPython's named tuple but is not a tuple;
errors raised by Shoal itself (a wrong argument count, setting a read-only
attribute, `d < x` reached through a reflected operator) name the types
without the `datetime.` prefix.
"""

import time as _time
import math as _math

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059          # date.max.toordinal()
_EPOCH_ORDINAL = 719163        # date(1970, 1, 1).toordinal()

_DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
_DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
_DAY_ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_MONTH_NAMES = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July',
                'August', 'September', 'October', 'November', 'December']
_MONTH_ABBR = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
               'Oct', 'Nov', 'Dec']


# ---- calendar arithmetic (proleptic Gregorian, day 1 = 0001-01-01) ----

def _is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(y, m, d):
    n = _days_before_year(y) + _DAYS_BEFORE_MONTH[m] + d
    if m > 2 and _is_leap(y):
        n += 1
    return n


def _ord2ymd(n):
    # Guess the year from the mean year length, then correct the guess.
    y = (n * 400) // 146097 + 1
    while _days_before_year(y) >= n:
        y -= 1
    while _days_before_year(y + 1) < n:
        y += 1
    doy = n - _days_before_year(y)          # 1-based day of the year
    leap = 1 if _is_leap(y) else 0
    m = (doy - 1) // 31 + 1
    while m < 12 and doy > _DAYS_BEFORE_MONTH[m + 1] + (leap if m + 1 > 2 else 0):
        m += 1
    d = doy - _DAYS_BEFORE_MONTH[m] - (leap if m > 2 else 0)
    return y, m, d


def _iso_week1_monday(year):
    first = _days_before_year(year) + 1     # ordinal of January 1st
    weekday = (first + 6) % 7               # 0 is Monday
    monday = first - weekday
    if weekday > 3:
        monday += 7
    return monday


# ---- argument checks ----

_OWN = ()          # filled in below with the module's classes
_KNOWN = (int, float, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          bool, type(None), range)


def _tname(x):
    t = type(x)
    if t in _OWN:
        return 'datetime.' + t.__name__
    return t.__name__


def _known(x):
    # True when no reflected method of x can take part in an operation with
    # the module's types, so the module may raise CPython's TypeError itself.
    return isinstance(x, _KNOWN) or type(x) in _OWN


def _unsupported(op, a, b):
    return TypeError("unsupported operand type(s) for %s: '%s' and '%s'" % (op, _tname(a), _tname(b)))


def _not_comparable(op, a, b):
    return TypeError("'%s' not supported between instances of '%s' and '%s'" % (op, _tname(a), _tname(b)))


def _as_int(v):
    if type(v) is int:
        return v
    if isinstance(v, int):
        return int(v)
    if hasattr(type(v), '__index__'):
        return v.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer" % _tname(v))


def _c_int(v):
    # The OverflowError CPython raises converting v to a C int.
    if v > 9223372036854775807 or v < -9223372036854775808:
        raise OverflowError('Python int too large to convert to C long')
    if v > 2147483647:
        raise OverflowError('signed integer is greater than maximum')
    if v < -2147483648:
        raise OverflowError('signed integer is less than minimum')


def _check_date_fields(year, month, day):
    if type(year) is not int:
        year = _as_int(year)
    if type(month) is not int:
        month = _as_int(month)
    if type(day) is not int:
        day = _as_int(day)
    if not 1 <= year <= 9999:
        _c_int(year)
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        _c_int(month)
        raise ValueError('month must be in 1..12')
    if day < 1 or (day > _DAYS_IN_MONTH[month]
                   and not (month == 2 and day == 29 and _is_leap(year))):
        _c_int(day)
        raise ValueError('day is out of range for month')
    return year, month, day


def _check_time_fields(hour, minute, second, microsecond, fold):
    if type(hour) is not int:
        hour = _as_int(hour)
    if type(minute) is not int:
        minute = _as_int(minute)
    if type(second) is not int:
        second = _as_int(second)
    if type(microsecond) is not int:
        microsecond = _as_int(microsecond)
    if type(fold) is not int:
        fold = _as_int(fold)
    if not 0 <= hour <= 23:
        _c_int(hour)
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        _c_int(minute)
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        _c_int(second)
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        _c_int(microsecond)
        raise ValueError('microsecond must be in 0..999999')
    if fold != 0 and fold != 1:
        _c_int(fold)
        raise ValueError('fold must be either 0 or 1')
    return hour, minute, second, microsecond, fold


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % _tname(tz))


def _check_offset(name, offset):
    # What tzinfo.utcoffset() or dst() returned, checked as CPython does.
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, _tname(offset)))
    if not -86400000000 < offset._to_us() < 86400000000:
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) '
                         'and timedelta(hours=24).')
    return offset


def _check_tzname(name):
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'" % _tname(name))
    return name


def _format_offset(offset, sep):
    # '+HH:MM[:SS[.ffffff]]' for an offset, '' for None
    if offset is None:
        return ''
    us = offset._to_us()
    sign = '+'
    if us < 0:
        sign = '-'
        us = -us
    seconds, us = divmod(us, 1000000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = '%s%02d%s%02d' % (sign, hours, sep, minutes)
    if seconds or us:
        text += '%s%02d' % (sep, seconds)
        if us:
            text += '.%06d' % us
    return text


def _round_half_away(x):
    # C's round(): halves go away from zero
    if x < 0:
        return -_round_half_away(-x)
    whole = _math.floor(x)
    if x - whole >= 0.5:
        whole += 1
    return whole


def _divide_and_round(a, b):
    # a / b rounded to the nearest int, halves to even
    q, r = divmod(a, b)
    r2 = 2 * r
    if b > 0:
        greater = r2 > b
    else:
        greater = r2 < b
    if greater or (r2 == b and q % 2 == 1):
        q += 1
    return q


# ---- timedelta ----

_US_PER_DAY = 86400000000


class timedelta:
    """Difference between two datetime values.

timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)

All arguments are optional and default to 0.
Arguments may be integers or floats, and may be positive or negative."""

    __slots__ = ('_days', '_seconds', '_microseconds')

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0,
                 hours=0, weeks=0):
        if (type(days) is int and type(seconds) is int and type(microseconds) is int
                and milliseconds == 0 and minutes == 0 and hours == 0 and weeks == 0):
            us = (days * 86400 + seconds) * 1000000 + microseconds
        elif (type(days) is int and type(seconds) is int and type(microseconds) is int
                and type(milliseconds) is int and type(minutes) is int
                and type(hours) is int and type(weeks) is int):
            us = (((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000000
                  + milliseconds * 1000 + microseconds)
        else:
            us = _accumulate(days, seconds, microseconds, milliseconds, minutes, hours, weeks)
        s, self._microseconds = divmod(us, 1000000)
        d, self._seconds = divmod(s, 86400)
        if not -999999999 <= d <= 999999999:
            if not -2147483648 <= d <= 2147483647:
                raise OverflowError('Python int too large to convert to C int')
            raise OverflowError('days=%d; must have magnitude <= 999999999' % d)
        self._days = d

    @property
    def days(self):
        """Number of days."""
        return self._days

    @property
    def seconds(self):
        """Number of seconds (>= 0 and less than 1 day)."""
        return self._seconds

    @property
    def microseconds(self):
        """Number of microseconds (>= 0 and less than 1 second)."""
        return self._microseconds

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._to_us() / 1000000

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        if not args:
            args.append('0')
        return '%s(%s)' % (_tname(self), ', '.join(args))

    def __str__(self):
        minutes, seconds = divmod(self._seconds, 60)
        hours, minutes = divmod(minutes, 60)
        text = '%d:%02d:%02d' % (hours, minutes, seconds)
        if self._days:
            plural = 's' if self._days != 1 and self._days != -1 else ''
            text = '%d day%s, %s' % (self._days, plural, text)
        if self._microseconds:
            text += '.%06d' % self._microseconds
        return text

    # comparisons

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return (self._days == other._days and self._seconds == other._seconds
                    and self._microseconds == other._microseconds)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return not (self._days == other._days and self._seconds == other._seconds
                        and self._microseconds == other._microseconds)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() < other._to_us()
        if _known(other):
            raise _not_comparable('<', self, other)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() <= other._to_us()
        if _known(other):
            raise _not_comparable('<=', self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() > other._to_us()
        if _known(other):
            raise _not_comparable('>', self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() >= other._to_us()
        if _known(other):
            raise _not_comparable('>=', self, other)
        return NotImplemented

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0

    # arithmetic

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(self._days + other._days, self._seconds + other._seconds,
                             self._microseconds + other._microseconds)
        if isinstance(other, date) or not _known(other):
            return NotImplemented
        raise _unsupported('+', self, other)

    def __radd__(self, other):
        if _known(other):
            raise _unsupported('+', other, self)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(self._days - other._days, self._seconds - other._seconds,
                             self._microseconds - other._microseconds)
        if _known(other):
            raise _unsupported('-', self, other)
        return NotImplemented

    def __rsub__(self, other):
        if _known(other):
            raise _unsupported('-', other, self)
        return NotImplemented

    def __neg__(self):
        return timedelta(-self._days, -self._seconds, -self._microseconds)

    def __pos__(self):
        return timedelta(self._days, self._seconds, self._microseconds)

    def __abs__(self):
        if self._days < 0:
            return -self
        return +self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta(0, 0, self._to_us() * other)
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            return timedelta(0, 0, _divide_and_round(self._to_us() * n, d))
        if isinstance(other, (str, list, tuple, bytes, bytearray)):
            raise TypeError("can't multiply sequence by non-int of type '%s'" % _tname(self))
        if _known(other):
            raise _unsupported('*', self, other)
        return NotImplemented

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return self.__mul__(other)
        if isinstance(other, (str, list, tuple, bytes, bytearray)):
            raise TypeError("can't multiply sequence by non-int of type '%s'" % _tname(self))
        if _known(other):
            raise _unsupported('*', other, self)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() / other._to_us()
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta(0, 0, _divide_and_round(self._to_us(), other))
        if isinstance(other, float):
            n, d = other.as_integer_ratio()
            if n == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta(0, 0, _divide_and_round(self._to_us() * d, n))
        if _known(other):
            raise _unsupported('/', self, other)
        return NotImplemented

    def __rtruediv__(self, other):
        if _known(other):
            raise _unsupported('/', other, self)
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return self._to_us() // divisor
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta(0, 0, self._to_us() // other)
        if _known(other):
            raise _unsupported('//', self, other)
        return NotImplemented

    def __rfloordiv__(self, other):
        if _known(other):
            raise _unsupported('//', other, self)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('integer modulo by zero')
            return timedelta(0, 0, self._to_us() % divisor)
        if _known(other):
            raise _unsupported('%', self, other)
        return NotImplemented

    def __rmod__(self, other):
        if _known(other):
            raise _unsupported('%', other, self)
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_us()
            if divisor == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            q, r = divmod(self._to_us(), divisor)
            return q, timedelta(0, 0, r)
        if _known(other):
            raise _unsupported('divmod()', self, other)
        return NotImplemented

    def __rdivmod__(self, other):
        if _known(other):
            raise _unsupported('divmod()', other, self)
        return NotImplemented


def _accumulate(days, seconds, microseconds, milliseconds, minutes, hours, weeks):
    # The total in microseconds, summed and rounded the way CPython's
    # timedelta constructor does it (whole parts exactly, float leftovers
    # added up as doubles and rounded half to even at the end).
    total = 0
    leftover = 0.0
    for value, factor, name in ((microseconds, 1, 'microseconds'),
                                (milliseconds, 1000, 'milliseconds'),
                                (seconds, 1000000, 'seconds'),
                                (minutes, 60000000, 'minutes'),
                                (hours, 3600000000, 'hours'),
                                (days, 86400000000, 'days'),
                                (weeks, 604800000000, 'weeks')):
        if isinstance(value, int):
            total += int(value) * factor
        elif isinstance(value, float):
            whole = _math.trunc(value)          # as C's modf() splits it
            frac = float(value) - float(whole)
            total += whole * factor
            if frac == 0.0:
                continue
            scaled = float(factor) * frac
            whole = _math.trunc(scaled)
            total += whole
            leftover += scaled - float(whole)
        else:
            raise TypeError('unsupported type for timedelta %s component: %s'
                            % (name, _tname(value)))
    if leftover != 0.0:
        whole_us = _round_half_away(leftover)
        if abs(whole_us - leftover) == 0.5:
            odd = total & 1
            whole_us = 2.0 * _round_half_away((leftover + odd) * 0.5) - odd
        total += int(whole_us)
    return total


_INF = float('inf')

timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


# ---- strftime ----

def _pad(text, width, fill):
    if len(text) < width:
        return fill * (width - len(text)) + text
    return text


def _python_directives(fmt, us, owner):
    # CPython's own pass over the format: it reads the format two characters
    # at a time and replaces %z, %Z and %f before the C library sees it.
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        j = fmt.find('%', i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        if j + 1 >= n:
            out.append('%')
            break
        c = fmt[j + 1]
        if c == 'z':
            out.append(_format_offset(owner.utcoffset(), '') if owner is not None else '')
        elif c == 'Z':
            name = owner.tzname() if owner is not None else None
            if name is not None:
                out.append(name.replace('%', '%%'))
        elif c == 'f':
            out.append('%06d' % us)
        else:
            out.append(fmt[j:j + 2])
        i = j + 2
    return ''.join(out)


def _strftime(fmt, y, mo, d, hh, mi, ss, us, owner):
    # owner: the object whose utcoffset() and tzname() give %z and %Z, or None
    if not isinstance(fmt, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % _tname(fmt))
    if '%z' in fmt or '%Z' in fmt or '%f' in fmt:
        fmt = _python_directives(fmt, us, owner)
    out = []
    i = 0
    n = len(fmt)
    ordinal = 0
    while i < n:
        c = fmt[i]
        if c != '%':
            j = fmt.find('%', i)
            if j < 0:
                j = n
            out.append(fmt[i:j])
            i = j
            continue
        start = i
        i += 1
        if i >= n:
            out.append('%')
            break
        c = fmt[i]
        if c in _PLAIN:
            # the common directives, without flags or width
            if c == 'Y':
                out.append(str(y))
            else:
                out.append('%02d' % (mo, d, hh, mi, ss)[_PLAIN[c]])
            i += 1
            continue
        # the rest is glibc's: flags, a width, an E or O modifier, a conversion
        pad = ''            # the last of the padding flags - _ 0
        upper = swap = False
        while i < n and fmt[i] in '-_0^#':
            c = fmt[i]
            if c == '^':
                upper = True
            elif c == '#':
                swap = True
            else:
                pad = c
            i += 1
        wstart = i
        while i < n and '0' <= fmt[i] <= '9':
            i += 1
        width = int(fmt[wstart:i]) if i > wstart else 0
        modifier = ''
        if i < n and fmt[i] in 'EO':
            modifier = fmt[i]
            i += 1
        if i >= n:
            out.append(_pad(fmt[start:], width, '0' if pad == '0' else ' '))
            break
        c = fmt[i]
        i += 1
        if (modifier == 'E' and c in _E_REFUSED) or (modifier == 'O' and c in _O_REFUSED):
            # glibc copies a refused directive, in capitals after ^ (or after
            # # for b and h, which it reads before refusing the modifier)
            text = fmt[start:i]
            if upper or (swap and c in 'bh'):
                text = text.upper()
            out.append(_pad(text, width, '0' if pad == '0' else ' '))
            continue
        if c in _NUMERIC:
            if ordinal == 0:
                ordinal = _ymd2ord(y, mo, d)
            text = str(_number(c, y, mo, d, hh, mi, ss, ordinal))
            size, fill = _NUMERIC[c]
            if pad == '-':
                out.append(_pad(text, width, ' '))
                continue
            if pad == '_':
                fill = ' '
            elif pad == '0':
                fill = '0'
            out.append(_pad(text, width if width > size else size, fill))
            continue
        if c in 'aAbBhpP':
            if ordinal == 0:
                ordinal = _ymd2ord(y, mo, d)
            if c == 'a':
                text = _DAY_ABBR[(ordinal + 6) % 7]
            elif c == 'A':
                text = _DAY_NAMES[(ordinal + 6) % 7]
            elif c == 'B':
                text = _MONTH_NAMES[mo]
            elif c == 'p':
                text = 'AM' if hh < 12 else 'PM'
                if swap:
                    text = text.lower()
                    upper = swap = False
            elif c == 'P':
                text = 'am' if hh < 12 else 'pm'
                upper = swap = False
            else:
                text = _MONTH_ABBR[mo]
            if swap:
                upper = True
        elif c == 'c':
            text = _strftime('%a %b %e %H:%M:%S %Y', y, mo, d, hh, mi, ss, us, None)
        elif c == 'D' or c == 'x':
            text = '%02d/%02d/%02d' % (mo, d, y % 100)
        elif c == 'F':
            text = '%d-%02d-%02d' % (y, mo, d)
        elif c == 'T' or c == 'X':
            text = '%02d:%02d:%02d' % (hh, mi, ss)
        elif c == 'R':
            text = '%02d:%02d' % (hh, mi)
        elif c == 'r':
            text = '%02d:%02d:%02d %s' % ((hh + 11) % 12 + 1, mi, ss, 'AM' if hh < 12 else 'PM')
        elif c == 'n':
            text = '\n'
        elif c == 't':
            text = '\t'
        elif c == '%':
            text = '%'
        elif c == 'z':
            continue            # glibc has no zone for Python's times
        elif c == 'Z':
            text = ''
        else:
            text = fmt[start:i]
            out.append(_pad(text.upper() if upper else text, width, '0' if pad == '0' else ' '))
            continue
        if upper:
            text = text.upper()
        if width:
            text = _pad(text, width, '0' if pad == '0' else ' ')
        out.append(text)
    return ''.join(out)


_PLAIN = {'Y': -1, 'm': 0, 'd': 1, 'H': 2, 'M': 3, 'S': 4}

# conversions glibc refuses after an E or an O modifier
_E_REFUSED = 'aAbBdDeFgGhHIjklmMSUVwW'
_O_REFUSED = 'aAcDFxXY'

# numeric conversions: default width and fill
_NUMERIC = {'Y': (1, '0'), 'C': (1, '0'), 'G': (1, '0'), 'm': (2, '0'), 'd': (2, '0'),
            'e': (2, ' '), 'H': (2, '0'), 'k': (2, ' '), 'I': (2, '0'), 'l': (2, ' '),
            'M': (2, '0'), 'S': (2, '0'), 'y': (2, '0'), 'g': (2, '0'), 'j': (3, '0'),
            'U': (2, '0'), 'W': (2, '0'), 'V': (2, '0'), 'u': (1, '0'), 'w': (1, '0'),
            's': (1, ' ')}


def _number(c, y, mo, d, hh, mi, ss, ordinal):
    if c == 'Y':
        return y
    if c == 'm':
        return mo
    if c == 'd' or c == 'e':
        return d
    if c == 'H' or c == 'k':
        return hh
    if c == 'M':
        return mi
    if c == 'S':
        return ss
    if c == 'y':
        return y % 100
    if c == 'I' or c == 'l':
        return (hh + 11) % 12 + 1
    if c == 'j':
        return ordinal - _days_before_year(y)
    if c == 'C':
        return y // 100
    if c == 'w':
        return ordinal % 7
    if c == 'u':
        return (ordinal + 6) % 7 + 1
    if c == 'U':
        return (ordinal - _days_before_year(y) - 1 + 7 - ordinal % 7) // 7
    if c == 'W':
        return (ordinal - _days_before_year(y) - 1 + 7 - (ordinal + 6) % 7) // 7
    if c == 's':
        return ((ordinal - _EPOCH_ORDINAL) * 24 + hh) * 3600 + mi * 60 + ss
    iso = _isocalendar(ordinal, y)
    if c == 'G':
        return iso[0]
    if c == 'g':
        return iso[0] % 100
    return iso[1]        # V


def _isocalendar(ordinal, year):
    week1 = _iso_week1_monday(year)
    week, day = divmod(ordinal - week1, 7)
    if week < 0:
        year -= 1
        week1 = _iso_week1_monday(year)
        week, day = divmod(ordinal - week1, 7)
    elif week >= 52 and ordinal >= _iso_week1_monday(year + 1):
        year += 1
        week = 0
    return year, week + 1, day + 1


# ---- ISO 8601 parsing ----

def _digits(s, start, count):
    # The int in s[start:start+count], or -1 unless all are ASCII digits
    if start + count > len(s):
        return -1
    value = 0
    for k in range(start, start + count):
        c = s[k]
        if not '0' <= c <= '9':
            return -1
        value = value * 10 + ord(c) - 48
    return value


def _parse_iso_date(s):
    # (year, month, day) from the whole of s, or None
    n = len(s)
    year = _digits(s, 0, 4)
    if year < 0:
        return None
    if n == 10 and s[4] == '-' and s[7] == '-':
        month = _digits(s, 5, 2)
        day = _digits(s, 8, 2)
        if month < 0 or day < 0:
            return None
        return year, month, day
    if n == 8 and s[4] not in '-W':
        month = _digits(s, 4, 2)
        day = _digits(s, 6, 2)
        if month < 0 or day < 0:
            return None
        return year, month, day
    # week dates: YYYY-Www, YYYY-Www-D, YYYYWww, YYYYWwwD
    if n in (8, 10) and s[4] == '-' and s[5] == 'W':
        week = _digits(s, 6, 2)
        day = 1
        if n == 10:
            if s[8] != '-':
                return None
            day = _digits(s, 9, 1)
    elif n in (7, 8) and s[4] == 'W':
        week = _digits(s, 5, 2)
        day = 1
        if n == 8:
            day = _digits(s, 7, 1)
    else:
        return None
    if week < 0 or day < 0:
        return None
    try:
        return _from_iso_week(year, week, day)
    except ValueError:
        return None


def _from_iso_week(year, week, day):
    if not 1 <= year <= 9999:
        raise ValueError('Year is out of range: %d' % year)
    if not 0 < week < 53:
        last = False
        if week == 53:
            # a year has 53 weeks when it starts on a Thursday, or is a
            # leap year starting on a Wednesday
            first = (_days_before_year(year) + 1 + 6) % 7
            last = first == 3 or (first == 2 and _is_leap(year))
        if not last:
            raise ValueError('Invalid week: %d' % week)
    if not 0 < day < 8:
        raise ValueError('Invalid day: %d (range is [1, 7])' % day)
    ordinal = _iso_week1_monday(year) + (week - 1) * 7 + day - 1
    return _ord2ymd(ordinal)


def _parse_hms(s):
    # [hour, minute, second, microsecond] from HH[:MM[:SS[.f+]]] or
    # HH[MM[SS[.f+]]] (the whole of s), or None
    n = len(s)
    fields = [0, 0, 0, 0]
    pos = 0
    sep = None
    for k in range(3):
        value = _digits(s, pos, 2)
        if value < 0:
            return None
        fields[k] = value
        pos += 2
        if pos == n:
            return fields
        c = s[pos]
        if k == 0:
            if c == ':':
                sep = ':'
                pos += 1
            elif c in '.,':
                return None
            continue
        if k == 1:
            if sep == ':':
                if c != ':':
                    return None
                pos += 1
            elif c in '.,:':
                return None
            continue
    if s[pos] not in '.,':
        return None
    pos += 1
    if pos >= n:
        return None
    count = n - pos
    for k in range(pos, n):
        if not '0' <= s[k] <= '9':
            return None
    if count > 6:
        count = 6
    fields[3] = _digits(s, pos, count) * 10 ** (6 - count)
    return fields


def _parse_iso_time(s):
    # (hour, minute, second, microsecond, tzinfo) or None
    tzpos = -1
    for k in range(len(s)):
        if s[k] in '+-Z':
            tzpos = k
            break
    text = s if tzpos < 0 else s[:tzpos]
    fields = _parse_hms(text)
    if fields is None:
        return None
    tz = None
    if tzpos >= 0:
        rest = s[tzpos:]
        if rest == 'Z':
            tz = timezone.utc
        elif rest[0] == 'Z':
            return None
        else:
            off = _parse_hms(rest[1:])
            if off is None:
                return None
            delta = timedelta(hours=off[0], minutes=off[1], seconds=off[2], microseconds=off[3])
            if rest[0] == '-':
                delta = -delta
            tz = timezone(delta) if delta else timezone.utc
    return fields[0], fields[1], fields[2], fields[3], tz


def _date_length(s):
    # how many characters of s the date part of an ISO datetime takes
    n = len(s)
    if n >= 5 and s[4] == '-':
        if n >= 6 and s[5] == 'W':
            if n >= 9 and s[8] == '-':
                return 10
            return 8
        return 10
    if n >= 5 and s[4] == 'W':
        if n >= 8 and '0' <= s[7] <= '9':
            return 8
        return 7
    return 8


def _invalid(s):
    return ValueError('Invalid isoformat string: %r' % (s,))


# ---- tzinfo and timezone ----

class tzinfo:
    """Abstract base class for time zone info objects."""

    __slots__ = ()

    def tzname(self, dt):
        """datetime -> string name of time zone."""
        raise NotImplementedError('a tzinfo subclass must implement tzname()')

    def utcoffset(self, dt):
        """datetime -> timedelta showing offset from UTC, negative values indicating West of UTC"""
        raise NotImplementedError('a tzinfo subclass must implement utcoffset()')

    def dst(self, dt):
        """datetime -> DST offset as timedelta positive east of UTC."""
        raise NotImplementedError('a tzinfo subclass must implement dst()')

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError('fromutc: argument must be a datetime')
        if dt._tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        offset = _check_offset('utcoffset', self.utcoffset(dt))
        if offset is None:
            raise ValueError('fromutc: non-None utcoffset() result required')
        dst = _check_offset('dst', self.dst(dt))
        if dst is None:
            raise ValueError('fromutc: non-None dst() result required')
        delta = offset - dst
        if delta:
            dt = dt + delta
            dst = _check_offset('dst', self.dst(dt))
            if dst is None:
                raise ValueError('fromutc: tz.dst() gave inconsistent results; cannot convert')
        return dt + dst


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    __slots__ = ('_offset', '_name')

    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('timezone() argument 1 must be datetime.timedelta, not %s'
                            % _tname(offset))
        if name is not None and not isinstance(name, str):
            raise TypeError('timezone() argument 2 must be str, not %s' % _tname(name))
        if not -86400000000 < offset._to_us() < 86400000000:
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) '
                             'and timedelta(hours=24), not %r.' % (offset,))
        self._offset = offset
        self._name = name

    def _check_dt(self, dt, method):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError('%s(dt) argument must be a datetime instance or None, not %s'
                            % (method, _tname(dt)))

    def utcoffset(self, dt):
        """Return fixed offset."""
        self._check_dt(dt, 'utcoffset')
        return self._offset

    def dst(self, dt):
        """Return None."""
        self._check_dt(dt, 'dst')
        return None

    def tzname(self, dt):
        """If name is specified when timezone is created, returns the name.  Otherwise returns offset as 'UTC(+|-)HH:MM'."""
        self._check_dt(dt, 'tzname')
        if self._name is not None:
            return self._name
        us = self._offset._to_us()
        if us == 0:
            return 'UTC'
        return 'UTC' + _format_offset(self._offset, ':')

    def fromutc(self, dt):
        """datetime in UTC -> datetime in local time."""
        if not isinstance(dt, datetime):
            raise TypeError('fromutc: argument must be a datetime')
        if dt._tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        return dt + self._offset

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timezone):
            return self._offset != other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self._name is None:
            if self._offset._to_us() == 0:
                return 'datetime.timezone.utc'
            return 'datetime.timezone(%r)' % (self._offset,)
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)


timezone.utc = timezone(timedelta(0))
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc
_LOCAL = timezone(timedelta(0), 'UTC')     # local time is taken to be UTC


# ---- date ----

class _IsoCalendarDate:
    __slots__ = ('_t',)

    def __init__(self, year, week, weekday):
        self._t = (year, week, weekday)

    @property
    def year(self):
        return self._t[0]

    @property
    def week(self):
        return self._t[1]

    @property
    def weekday(self):
        return self._t[2]

    def __getitem__(self, i):
        return self._t[i]

    def __iter__(self):
        return iter(self._t)

    def __len__(self):
        return 3

    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % self._t

    def _other(self, other):
        if isinstance(other, _IsoCalendarDate):
            return other._t
        if isinstance(other, tuple):
            return other
        return None

    def __eq__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t == o

    def __ne__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t != o

    def __lt__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t < o

    def __le__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t <= o

    def __gt__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t > o

    def __ge__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else self._t >= o

    def __hash__(self):
        return hash(self._t)

    def __add__(self, other):
        return self._t + other

    def __radd__(self, other):
        return other + self._t

    def count(self, value):
        return self._t.count(value)

    def index(self, value, *args):
        return self._t.index(value, *args)


class _StructTime:
    # What timetuple() returns: CPython's time.struct_time, which Shoal's
    # time module does not have; it indexes, unpacks and compares like it.
    __slots__ = ('_t',)
    _names = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday',
              'tm_yday', 'tm_isdst')

    def __init__(self, values):
        self._t = tuple(values)

    tm_year = property(lambda self: self._t[0])
    tm_mon = property(lambda self: self._t[1])
    tm_mday = property(lambda self: self._t[2])
    tm_hour = property(lambda self: self._t[3])
    tm_min = property(lambda self: self._t[4])
    tm_sec = property(lambda self: self._t[5])
    tm_wday = property(lambda self: self._t[6])
    tm_yday = property(lambda self: self._t[7])
    tm_isdst = property(lambda self: self._t[8])
    tm_zone = property(lambda self: None)
    tm_gmtoff = property(lambda self: None)
    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __getitem__(self, i):
        return self._t[i]

    def __iter__(self):
        return iter(self._t)

    def __len__(self):
        return 9

    def __repr__(self):
        return 'time.struct_time(%s)' % ', '.join(
            ['%s=%d' % (name, value) for name, value in zip(self._names, self._t)])

    def __eq__(self, other):
        if isinstance(other, _StructTime):
            return self._t == other._t
        if isinstance(other, tuple):
            return self._t == other
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self._t)


def _timetuple(y, m, d, hh, mm, ss, isdst):
    ordinal = _ymd2ord(y, m, d)
    return _StructTime((y, m, d, hh, mm, ss, (ordinal + 6) % 7, ordinal - _days_before_year(y), isdst))


class date:
    """date(year, month, day) --> date object"""

    __slots__ = ('_year', '_month', '_day')

    def __init__(self, year, month, day):
        if (type(year) is int and type(month) is int and type(day) is int
                and 0 < year < 10000 and 0 < month < 13 and 0 < day < 29):
            self._year = year
            self._month = month
            self._day = day
        else:
            self._year, self._month, self._day = _check_date_fields(year, month, day)

    @classmethod
    def today(cls):
        """Current date or datetime:  same as self.__class__.fromtimestamp(time.time())."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        """Create a date from a POSIX timestamp.

The timestamp is a number, e.g. created via time.time(), that is interpreted
as local time."""
        if isinstance(t, float):
            if t != t:
                raise ValueError('Invalid value NaN (not a number)')
            secs = _math.floor(t)
        else:
            secs = _as_int(t)
        if not -9223372036854775808 <= secs <= 9223372036854775807:
            raise OverflowError('timestamp out of range for platform time_t')
        y, m, d = _ord2ymd(secs // 86400 + _EPOCH_ORDINAL)
        if not 1 <= y <= 9999:
            raise ValueError('year %d is out of range' % y)
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        """int -> date corresponding to a proleptic Gregorian ordinal."""
        n = _as_int(n)
        if n < 1:
            raise ValueError('ordinal must be >= 1')
        if n > _MAXORDINAL:
            _c_int(n)
            raise ValueError('year %d is out of range' % _ord2ymd(n)[0])
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        """str -> Construct a date from a string in ISO 8601 format."""
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        if len(s) not in (7, 8, 10):
            raise _invalid(s)
        ymd = _parse_iso_date(s)
        if ymd is None:
            raise _invalid(s)
        return cls(*ymd)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        """int, int, int -> Construct a date from the ISO year, week number and weekday.

This is the inverse of the date.isocalendar() function"""
        year = _as_int(year)
        week = _as_int(week)
        day = _as_int(day)
        return cls(*_from_iso_week(year, week, day))

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_tname(self), self._year, self._month, self._day)

    def isoformat(self):
        """Return string in ISO 8601 format, YYYY-MM-DD."""
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    def __str__(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    def ctime(self):
        """Return ctime() style string."""
        weekday = (self.toordinal() + 6) % 7
        return '%s %s %2d 00:00:00 %04d' % (_DAY_ABBR[weekday], _MONTH_ABBR[self._month],
                                            self._day, self._year)

    def timetuple(self):
        """Return time tuple, compatible with time.localtime()."""
        return _timetuple(self._year, self._month, self._day, 0, 0, 0, -1)

    def strftime(self, fmt):
        """format -> strftime() style string."""
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, None)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('__format__() argument 1 must be str, not %s' % _tname(fmt))
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def toordinal(self):
        """Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1."""
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        """Return the day of the week represented by the date.
Monday == 0 ... Sunday == 6"""
        return (_ymd2ord(self._year, self._month, self._day) + 6) % 7

    def isoweekday(self):
        """Return the day of the week represented by the date.
Monday == 1 ... Sunday == 7"""
        return (_ymd2ord(self._year, self._month, self._day) + 6) % 7 + 1

    def isocalendar(self):
        """Return a named tuple containing ISO year, week number, and weekday."""
        y, w, d = _isocalendar(_ymd2ord(self._year, self._month, self._day), self._year)
        return _IsoCalendarDate(y, w, d)

    def replace(self, year=None, month=None, day=None):
        """Return date with new specified fields."""
        if year is None:
            year = self._year
        if month is None:
            month = self._month
        if day is None:
            day = self._day
        return type(self)(year, month, day)

    # comparisons: a date and a datetime are never equal, and never ordered

    def _cmp(self, other):
        a = (self._year, self._month, self._day)
        b = (other._year, other._month, other._day)
        return 0 if a == b else (1 if a > b else -1)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) == 0
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) != 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) < 0
        if _known(other) and not isinstance(other, datetime):
            raise _not_comparable('<', self, other)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) <= 0
        if _known(other) and not isinstance(other, datetime):
            raise _not_comparable('<=', self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) > 0
        if _known(other) and not isinstance(other, datetime):
            raise _not_comparable('>', self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) >= 0
        if _known(other) and not isinstance(other, datetime):
            raise _not_comparable('>=', self, other)
        return NotImplemented

    def __hash__(self):
        return hash((self._year, self._month, self._day))

    # arithmetic

    def _plus_days(self, days):
        n = _ymd2ord(self._year, self._month, self._day) + days
        if not 0 < n <= _MAXORDINAL:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(n)
        return type(self)(y, m, d)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return self._plus_days(other._days)
        if _known(other):
            raise _unsupported('+', self, other)
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self._plus_days(other._days)
        if _known(other):
            raise _unsupported('+', other, self)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self._plus_days(-other._days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(_ymd2ord(self._year, self._month, self._day)
                             - _ymd2ord(other._year, other._month, other._day))
        if _known(other):
            raise _unsupported('-', self, other)
        return NotImplemented

    def __rsub__(self, other):
        if _known(other):
            raise _unsupported('-', other, self)
        return NotImplemented


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


# ---- time ----

_KEEP = object()


def _check_timespec(timespec, argno):
    if not isinstance(timespec, str):
        raise TypeError('isoformat() argument %d must be str, not %s' % (argno, _tname(timespec)))
    if timespec not in ('auto', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds'):
        raise ValueError('Unknown timespec value')


def _format_time(hh, mm, ss, us, timespec):
    if timespec == 'auto':
        if us:
            return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us // 1000)
    return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)


class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object

All arguments are optional. tzinfo may be None, or an instance of
a tzinfo subclass. The remaining arguments may be ints.
"""

    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        (self._hour, self._minute, self._second, self._microsecond,
         self._fold) = _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo

    @classmethod
    def fromisoformat(cls, s):
        """string -> time from a string in ISO 8601 format"""
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        text = s[1:] if s[:1] == 'T' else s
        parsed = _parse_iso_time(text)
        if parsed is None:
            raise _invalid(s)
        return cls(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4])

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset('utcoffset', self._tzinfo.utcoffset(None))

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset('dst', self._tzinfo.dst(None))

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        if self._tzinfo is None:
            return None
        return _check_tzname(self._tzinfo.tzname(None))

    def __repr__(self):
        if self._microsecond:
            text = '%s(%d, %d, %d, %d' % (_tname(self), self._hour, self._minute,
                                          self._second, self._microsecond)
        elif self._second:
            text = '%s(%d, %d, %d' % (_tname(self), self._hour, self._minute, self._second)
        else:
            text = '%s(%d, %d' % (_tname(self), self._hour, self._minute)
        if self._fold:
            text += ', fold=1'
        if self._tzinfo is not None:
            text += ', tzinfo=%r' % (self._tzinfo,)
        return text + ')'

    def isoformat(self, timespec='auto'):
        """Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].

The optional argument timespec specifies the number of additional terms
of the time to include. Valid options are 'auto', 'hours', 'minutes',
'seconds', 'milliseconds' and 'microseconds'.
"""
        _check_timespec(timespec, 1)
        text = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return text + _format_offset(self.utcoffset(), ':')

    def __str__(self):
        return self.isoformat()

    def strftime(self, fmt):
        """format -> strftime() style string."""
        return _strftime(fmt, 1900, 1, 1, self._hour, self._minute, self._second,
                         self._microsecond, self)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('__format__() argument 1 must be str, not %s' % _tname(fmt))
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=_KEEP,
                *, fold=None):
        """Return time with new specified fields."""
        if hour is None:
            hour = self._hour
        if minute is None:
            minute = self._minute
        if second is None:
            second = self._second
        if microsecond is None:
            microsecond = self._microsecond
        if tzinfo is _KEEP:
            tzinfo = self._tzinfo
        if fold is None:
            fold = self._fold
        return type(self)(hour, minute, second, microsecond, tzinfo, fold=fold)

    def _us(self):
        return ((self._hour * 60 + self._minute) * 60 + self._second) * 1000000 + self._microsecond

    def _cmp(self, other, op):
        # -1, 0 or 1; None when a naive and an aware time are tested for equality
        if self._tzinfo is other._tzinfo:
            a = self._us()
            b = other._us()
        else:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
            if off1 is None and off2 is None or off1 == off2:
                a = self._us()
                b = other._us()
            elif off1 is None or off2 is None:
                if op == '==' or op == '!=':
                    return None
                raise TypeError("can't compare offset-naive and offset-aware times")
            else:
                a = self._us() - off1._to_us()
                b = other._us() - off2._to_us()
        return 0 if a == b else (1 if a > b else -1)

    def __eq__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '==') == 0
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '!=') != 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '<') < 0
        if _known(other):
            raise _not_comparable('<', self, other)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '<=') <= 0
        if _known(other):
            raise _not_comparable('<=', self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '>') > 0
        if _known(other):
            raise _not_comparable('>', self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, time):
            return self._cmp(other, '>=') >= 0
        if _known(other):
            raise _not_comparable('>=', self, other)
        return NotImplemented

    def __hash__(self):
        offset = self.utcoffset()
        if offset is None:
            return hash(self._us())
        return hash(self._us() - offset._to_us())


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# ---- datetime ----

def _split_timestamp(t):
    # (whole seconds, microseconds) of a timestamp, rounded half to even
    if isinstance(t, float):
        if t != t:
            raise ValueError('Invalid value NaN (not a number)')
        if t == _INF or t == -_INF:
            raise OverflowError('timestamp out of range for platform time_t')
        whole = float(_math.trunc(t))
        us = round((t - whole) * 1e6)
        if us >= 1000000:
            us -= 1000000
            whole += 1.0
        elif us < 0:
            us += 1000000
            whole -= 1.0
        if not -9223372036854775808.0 <= whole < 9223372036854775808.0:
            raise OverflowError('timestamp out of range for platform time_t')
        return int(whole), us
    secs = _as_int(t)
    if not -9223372036854775808 <= secs <= 9223372036854775807:
        raise OverflowError('timestamp out of range for platform time_t')
    return secs, 0


def _fields_from_seconds(secs):
    days, rest = divmod(secs, 86400)
    y, m, d = _ord2ymd(days + _EPOCH_ORDINAL)
    if not 1 <= y <= 9999:
        raise ValueError('year %d is out of range' % y)
    hh, rest = divmod(rest, 3600)
    mm, ss = divmod(rest, 60)
    return y, m, d, hh, mm, ss


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])

The year, month and day arguments are required. tzinfo may be None, or an
instance of a tzinfo subclass. The remaining arguments may be ints.
"""

    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0,
                 tzinfo=None, *, fold=0):
        if (type(year) is int and type(month) is int and type(day) is int
                and 0 < year < 10000 and 0 < month < 13 and 0 < day < 29):
            self._year = year
            self._month = month
            self._day = day
        else:
            self._year, self._month, self._day = _check_date_fields(year, month, day)
        if (type(hour) is int and type(minute) is int and type(second) is int
                and type(microsecond) is int and 0 <= hour < 24 and 0 <= minute < 60
                and 0 <= second < 60 and 0 <= microsecond < 1000000
                and type(fold) is int and fold == 0):
            self._hour = hour
            self._minute = minute
            self._second = second
            self._microsecond = microsecond
            self._fold = 0
        else:
            (self._hour, self._minute, self._second, self._microsecond,
             self._fold) = _check_time_fields(hour, minute, second, microsecond, fold)
        if tzinfo is not None and not isinstance(tzinfo, _tzinfo_class):
            _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo

    # constructors

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        """timestamp[, tz] -> tz's local time from POSIX timestamp."""
        _check_tzinfo(tz)
        secs, us = _split_timestamp(t)
        y, m, d, hh, mm, ss = _fields_from_seconds(secs)
        if tz is None:
            return cls(y, m, d, hh, mm, ss, us)
        return tz.fromutc(cls(y, m, d, hh, mm, ss, us, tz))

    @classmethod
    def utcfromtimestamp(cls, t):
        """Construct a naive UTC datetime from a POSIX timestamp."""
        secs, us = _split_timestamp(t)
        y, m, d, hh, mm, ss = _fields_from_seconds(secs)
        return cls(y, m, d, hh, mm, ss, us)

    @classmethod
    def now(cls, tz=None):
        """Returns new datetime object representing current time local to tz.

  tz
    Timezone object.

If no tz is specified, uses local timezone."""
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        """Return a new datetime representing UTC day and time."""
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        """date, time -> datetime with same date and time fields"""
        if not isinstance(date, _date_class):
            raise TypeError('combine() argument 1 must be datetime.date, not %s' % _tname(date))
        if not isinstance(time, _time_class):
            raise TypeError('combine() argument 2 must be datetime.time, not %s' % _tname(time))
        if tzinfo is True:
            tzinfo = time._tzinfo
        return cls(date._year, date._month, date._day, time._hour, time._minute, time._second,
                   time._microsecond, tzinfo, fold=time._fold)

    @classmethod
    def fromisoformat(cls, s):
        """string -> datetime from a string in most ISO 8601 formats"""
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        size = _date_length(s)
        ymd = _parse_iso_date(s[:size])
        if ymd is None:
            raise _invalid(s)
        if len(s) == size:
            return cls(ymd[0], ymd[1], ymd[2])
        parsed = _parse_iso_time(s[size + 1:])
        if parsed is None:
            raise _invalid(s)
        return cls(ymd[0], ymd[1], ymd[2], parsed[0], parsed[1], parsed[2], parsed[3], parsed[4])

    @classmethod
    def strptime(cls, date_string, format):
        """string, format -> new datetime parsed from a string (like time.strptime())."""
        fields = _strptime(date_string, format)
        return cls(*fields)

    # fields

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    def date(self):
        """Return date object with same year, month and day."""
        return _date_class(self._year, self._month, self._day)

    def time(self):
        """Return time object with same time but with tzinfo=None."""
        return _time_class(self._hour, self._minute, self._second, self._microsecond,
                           fold=self._fold)

    def timetz(self):
        """Return time object with same time and tzinfo."""
        return _time_class(self._hour, self._minute, self._second, self._microsecond,
                           self._tzinfo, fold=self._fold)

    def utcoffset(self):
        """Return self.tzinfo.utcoffset(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset('utcoffset', self._tzinfo.utcoffset(self))

    def dst(self):
        """Return self.tzinfo.dst(self)."""
        if self._tzinfo is None:
            return None
        return _check_offset('dst', self._tzinfo.dst(self))

    def tzname(self):
        """Return self.tzinfo.tzname(self)."""
        if self._tzinfo is None:
            return None
        return _check_tzname(self._tzinfo.tzname(self))

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=_KEEP, *, fold=None):
        """Return datetime with new specified fields."""
        if year is None:
            year = self._year
        if month is None:
            month = self._month
        if day is None:
            day = self._day
        if hour is None:
            hour = self._hour
        if minute is None:
            minute = self._minute
        if second is None:
            second = self._second
        if microsecond is None:
            microsecond = self._microsecond
        if tzinfo is _KEEP:
            tzinfo = self._tzinfo
        if fold is None:
            fold = self._fold
        return type(self)(year, month, day, hour, minute, second, microsecond, tzinfo, fold=fold)

    def astimezone(self, tz=None):
        """tz -> convert to local time in new timezone tz
"""
        if tz is None:
            tz = _LOCAL
        else:
            _check_tzinfo(tz)
        mytz = self._tzinfo
        offset = None
        if mytz is not None:
            if mytz is tz:
                return self
            offset = self.utcoffset()
        if offset is None:
            offset = timedelta(0)      # naive: local time, which is UTC
        utc = (self - offset).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def timestamp(self):
        """Return POSIX timestamp as float."""
        offset = self.utcoffset()
        days = _ymd2ord(self._year, self._month, self._day) - _EPOCH_ORDINAL
        secs = days * 86400 + self._hour * 3600 + self._minute * 60 + self._second
        if offset is None:
            return float(secs) + self._microsecond / 1e6
        return (secs * 1000000 + self._microsecond - offset._to_us()) / 1000000

    def toordinal(self):
        """Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1."""
        return _ymd2ord(self._year, self._month, self._day)

    # text

    def __repr__(self):
        name = _tname(self)
        if self._microsecond:
            text = '%s(%d, %d, %d, %d, %d, %d, %d' % (name, self._year, self._month, self._day,
                                                      self._hour, self._minute, self._second,
                                                      self._microsecond)
        elif self._second:
            text = '%s(%d, %d, %d, %d, %d, %d' % (name, self._year, self._month, self._day,
                                                  self._hour, self._minute, self._second)
        else:
            text = '%s(%d, %d, %d, %d, %d' % (name, self._year, self._month, self._day,
                                              self._hour, self._minute)
        if self._fold:
            text += ', fold=1'
        if self._tzinfo is not None:
            text += ', tzinfo=%r' % (self._tzinfo,)
        return text + ')'

    def isoformat(self, sep='T', timespec='auto'):
        """[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].
sep is used to separate the year from the time, and defaults to 'T'.
The optional argument timespec specifies the number of additional terms
of the time to include. Valid options are 'auto', 'hours', 'minutes',
'seconds', 'milliseconds' and 'microseconds'.
"""
        if timespec == 'auto' and type(sep) is str and len(sep) == 1:
            if self._microsecond:
                text = '%04d-%02d-%02d%s%02d:%02d:%02d.%06d' % (
                    self._year, self._month, self._day, sep, self._hour, self._minute,
                    self._second, self._microsecond)
            else:
                text = '%04d-%02d-%02d%s%02d:%02d:%02d' % (
                    self._year, self._month, self._day, sep, self._hour, self._minute,
                    self._second)
            if self._tzinfo is None:
                return text
            return text + _format_offset(self.utcoffset(), ':')
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError('isoformat() argument 1 must be a unicode character, not %s'
                            % _tname(sep))
        _check_timespec(timespec, 2)
        text = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
        text += _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return text + _format_offset(self.utcoffset(), ':')

    def __str__(self):
        return self.isoformat(' ')

    def ctime(self):
        """Return ctime() style string."""
        weekday = (_ymd2ord(self._year, self._month, self._day) + 6) % 7
        return '%s %s %2d %02d:%02d:%02d %04d' % (_DAY_ABBR[weekday], _MONTH_ABBR[self._month],
                                                  self._day, self._hour, self._minute,
                                                  self._second, self._year)

    def strftime(self, fmt):
        """format -> strftime() style string."""
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond, self)

    def timetuple(self):
        """Return time tuple compatible with time.localtime()."""
        dst = self.dst()
        isdst = -1 if dst is None else (1 if dst else 0)
        return _timetuple(self._year, self._month, self._day, self._hour, self._minute,
                          self._second, isdst)

    def utctimetuple(self):
        """Return UTC time tuple compatible with time.gmtime()."""
        offset = self.utcoffset()
        moment = self
        if offset:
            moment = self - offset
        return _timetuple(moment._year, moment._month, moment._day, moment._hour,
                          moment._minute, moment._second, 0)

    # comparisons

    def _cmp(self, other, op):
        # -1, 0 or 1; None when a naive and an aware datetime are tested for equality
        if self._tzinfo is other._tzinfo:
            off1 = off2 = None
        else:
            off1 = self.utcoffset()
            off2 = other.utcoffset()
        if off1 is None and off2 is None or off1 == off2:
            a = (self._year, self._month, self._day, self._hour, self._minute, self._second,
                 self._microsecond)
            b = (other._year, other._month, other._day, other._hour, other._minute,
                 other._second, other._microsecond)
        elif off1 is None or off2 is None:
            if op == '==' or op == '!=':
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        else:
            a = self._utc_us(off1)
            b = other._utc_us(off2)
        return 0 if a == b else (1 if a > b else -1)

    def _utc_us(self, offset):
        days = _ymd2ord(self._year, self._month, self._day)
        secs = days * 86400 + self._hour * 3600 + self._minute * 60 + self._second
        return secs * 1000000 + self._microsecond - offset._to_us()

    def _other_date(self, other, op):
        if op == '==':
            return False
        if op == '!=':
            return True
        raise TypeError("can't compare %s to %s" % (_tname(self), _tname(other)))

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '==') == 0
        if isinstance(other, date):
            return False
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '!=') != 0
        if isinstance(other, date):
            return True
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '<') < 0
        if isinstance(other, date):
            return self._other_date(other, '<')
        if _known(other):
            raise _not_comparable('<', self, other)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '<=') <= 0
        if isinstance(other, date):
            return self._other_date(other, '<=')
        if _known(other):
            raise _not_comparable('<=', self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '>') > 0
        if isinstance(other, date):
            return self._other_date(other, '>')
        if _known(other):
            raise _not_comparable('>', self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, '>=') >= 0
        if isinstance(other, date):
            return self._other_date(other, '>=')
        if _known(other):
            raise _not_comparable('>=', self, other)
        return NotImplemented

    def __hash__(self):
        offset = self.utcoffset()
        if offset is None:
            offset = timedelta(0)
        return hash(self._utc_us(offset))

    # arithmetic

    def _plus(self, days, seconds, us):
        us += self._microsecond
        seconds += self._second + self._minute * 60 + self._hour * 3600
        carry, us = divmod(us, 1000000)
        seconds += carry
        carry, seconds = divmod(seconds, 86400)
        n = _ymd2ord(self._year, self._month, self._day) + days + carry
        if not 0 < n <= _MAXORDINAL:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(n)
        hh, seconds = divmod(seconds, 3600)
        mm, ss = divmod(seconds, 60)
        return type(self)(y, m, d, hh, mm, ss, us, self._tzinfo)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return self._plus(other._days, other._seconds, other._microseconds)
        if _known(other):
            raise _unsupported('+', self, other)
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self._plus(other._days, other._seconds, other._microseconds)
        if _known(other):
            raise _unsupported('+', other, self)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self._plus(-other._days, -other._seconds, -other._microseconds)
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                off1 = off2 = None
            else:
                off1 = self.utcoffset()
                off2 = other.utcoffset()
                if (off1 is None) != (off2 is None):
                    raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            zero = timedelta(0)
            a = self._utc_us(off1 if off1 is not None else zero)
            b = other._utc_us(off2 if off2 is not None else zero)
            return timedelta(0, 0, a - b)
        if _known(other):
            raise _unsupported('-', self, other)
        return NotImplemented

    def __rsub__(self, other):
        if _known(other):
            raise _unsupported('-', other, self)
        return NotImplemented


_date_class = date
_time_class = time
_tzinfo_class = tzinfo

datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

_OWN = (date, datetime, time, timedelta, timezone, tzinfo)


# ---- strptime ----

def _alternatives(names):
    # longest first, as CPython's regular expressions try them
    return sorted([n.lower() for n in names], key=len, reverse=True)


_NUMBER_PATTERNS = {
    # directive: alternatives, each a string of 'd' (a digit) or a digit
    # class like '[0-5]', tried in this order (CPython's regular expressions)
    'd': ['3[0-1]', '[1-2]d', '0[1-9]', '[1-9]', ' [1-9]'],
    'f': ['dddddd', 'ddddd', 'dddd', 'ddd', 'dd', 'd'],
    'H': ['2[0-3]', '[0-1]d', 'd'],
    'I': ['1[0-2]', '0[1-9]', '[1-9]'],
    'G': ['dddd'],
    'j': ['36[0-6]', '3[0-5]d', '[1-2]dd', '0[1-9]d', '00[1-9]', '[1-9]d', '0[1-9]', '[1-9]'],
    'm': ['1[0-2]', '0[1-9]', '[1-9]'],
    'M': ['[0-5]d', 'd'],
    'S': ['6[0-1]', '[0-5]d', 'd'],
    'U': ['5[0-3]', '[0-4]d', 'd'],
    'W': ['5[0-3]', '[0-4]d', 'd'],
    'w': ['[0-6]'],
    'u': ['[1-7]'],
    'V': ['5[0-3]', '0[1-9]', '[1-4]d', 'd'],
    'y': ['dd'],
    'Y': ['dddd'],
}


def _compile_number_pattern(pattern):
    # a list of (low, high) character ranges, one per character matched
    out = []
    k = 0
    while k < len(pattern):
        c = pattern[k]
        if c == 'd':
            out.append(('0', '9'))
            k += 1
        elif c == '[':
            out.append((pattern[k + 1], pattern[k + 3]))
            k += 5
        else:
            out.append((c, c))
            k += 1
    return out


_NUMBER_RANGES = {}
for _key in _NUMBER_PATTERNS:
    _NUMBER_RANGES[_key] = [_compile_number_pattern(p) for p in _NUMBER_PATTERNS[_key]]
del _key

_TEXT_CHOICES = {
    'a': _alternatives(_DAY_ABBR),
    'A': _alternatives(_DAY_NAMES),
    'b': _alternatives(_MONTH_ABBR[1:]),
    'B': _alternatives(_MONTH_NAMES[1:]),
    'p': ['am', 'pm'],
    'Z': ['utc', 'gmt'],
}


def _strptime_tokens(fmt):
    # The format as a list of tokens: ('lit', text), ('space',), ('dir', c)
    tokens = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c == '%':
            if i + 1 >= n:
                raise ValueError("stray %% in format '%s'" % (fmt,))
            d = fmt[i + 1]
            i += 2
            if d == '%':
                tokens.append(('lit', '%'))
            elif d == 'c':
                tokens.extend(_strptime_tokens('%a %b %d %H:%M:%S %Y'))
            elif d == 'x':
                tokens.extend(_strptime_tokens('%m/%d/%y'))
            elif d == 'X':
                tokens.extend(_strptime_tokens('%H:%M:%S'))
            elif d in _NUMBER_RANGES or d in _TEXT_CHOICES or d == 'z':
                tokens.append(('dir', d))
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, fmt))
        elif c in ' \t\n\r\x0b\x0c':
            while i < n and fmt[i] in ' \t\n\r\x0b\x0c':
                i += 1
            tokens.append(('space',))
        else:
            tokens.append(('lit', c))
            i += 1
    return tokens


def _match_z(s, pos):
    # the ends CPython's %z pattern can match at pos, in the order it tries them
    n = len(s)
    if pos < n and s[pos] == 'Z':
        return [pos + 1]
    if pos >= n or s[pos] not in '+-' or _digits(s, pos + 1, 2) < 0:
        return []
    p = pos + 3
    if p < n and s[p] == ':':
        p += 1
    if p >= n or not '0' <= s[p] <= '5' or _digits(s, p + 1, 1) < 0:
        return []
    p += 2
    ends = []
    q = p
    if q < n and s[q] == ':':
        q += 1
    if q < n and '0' <= s[q] <= '5' and _digits(s, q + 1, 1) >= 0:
        q += 2
        if q < n and s[q] == '.':
            count = 0
            while count < 6 and _digits(s, q + 1 + count, 1) >= 0:
                count += 1
            for c in range(count, 0, -1):
                ends.append(q + 1 + c)
        ends.append(q)
    ends.append(p)
    return ends


def _token_ends(token, s, pos):
    # every end position at which token can match s[pos:], in preference order
    kind = token[0]
    n = len(s)
    if kind == 'lit':
        c = token[1]
        if pos < n and (s[pos] == c or s[pos].lower() == c.lower()):
            return [pos + 1]
        return []
    if kind == 'space':
        p = pos
        while p < n and s[p] in ' \t\n\r\x0b\x0c':
            p += 1
        if p == pos:
            return []
        return list(range(p, pos, -1))
    d = token[1]
    if d == 'z':
        return _match_z(s, pos)
    if d in _TEXT_CHOICES:
        ends = []
        low = s[pos:].lower()
        for name in _TEXT_CHOICES[d]:
            if low.startswith(name):
                ends.append(pos + len(name))
        return ends
    ends = []
    for ranges in _NUMBER_RANGES[d]:
        if pos + len(ranges) > n:
            continue
        ok = True
        for k in range(len(ranges)):
            lo, hi = ranges[k]
            if not lo <= s[pos + k] <= hi:
                ok = False
                break
        if ok:
            ends.append(pos + len(ranges))
    return ends


def _strptime_match(tokens, k, s, pos, found):
    # Match tokens[k:] against s from pos, backtracking as a regular
    # expression would; returns the end of the match or -1.
    if k == len(tokens):
        return pos
    token = tokens[k]
    for end in _token_ends(token, s, pos):
        if token[0] == 'dir':
            found.append((token[1], s[pos:end]))
        result = _strptime_match(tokens, k + 1, s, end, found)
        if result >= 0:
            return result
        if token[0] == 'dir':
            found.pop()
    return -1


def _strptime(data, fmt):
    # [year, month, day, hour, minute, second, microsecond(, tzinfo)]
    for index, arg in enumerate([data, fmt], 1):
        if not isinstance(arg, str):
            raise TypeError('strptime() argument %d must be str, not %s'
                            % (index, _tname(arg)))
    tokens = _strptime_tokens(fmt)
    found = []
    end = _strptime_match(tokens, 0, data, 0, found)
    if end < 0:
        raise ValueError('time data %r does not match format %r' % (data, fmt))
    if end != len(data):
        raise ValueError('unconverted data remains: %s' % data[end:])
    groups = {}
    for key, text in found:
        groups[key] = text
    year = None
    month = day = 1
    hour = minute = second = fraction = 0
    offset = None
    zone = None
    weekday = julian = None
    week_of_year = None
    week_starts_monday = False
    iso_year = iso_week = None
    for key in groups:
        text = groups[key]
        if key == 'y':
            year = int(text)
            year += 2000 if year <= 68 else 1900
        elif key == 'Y':
            year = int(text)
        elif key == 'G':
            iso_year = int(text)
        elif key == 'm':
            month = int(text)
        elif key == 'B':
            month = _MONTH_NAMES.index(text.capitalize())
        elif key == 'b':
            month = _MONTH_ABBR.index(text.capitalize())
        elif key == 'd':
            day = int(text)
        elif key == 'H':
            hour = int(text)
        elif key == 'I':
            hour = int(text)
            ampm = groups.get('p', '').lower()
            if ampm == 'pm':
                if hour != 12:
                    hour += 12
            elif hour == 12:
                hour = 0
        elif key == 'M':
            minute = int(text)
        elif key == 'S':
            second = int(text)
        elif key == 'f':
            fraction = int(text + '0' * (6 - len(text)))
        elif key == 'A':
            weekday = _DAY_NAMES.index(text.capitalize())
        elif key == 'a':
            weekday = _DAY_ABBR.index(text.capitalize())
        elif key == 'w':
            weekday = (int(text) + 6) % 7
        elif key == 'u':
            weekday = int(text) - 1
        elif key == 'j':
            julian = int(text)
        elif key == 'U' or key == 'W':
            week_of_year = int(text)
            week_starts_monday = key == 'W'
        elif key == 'V':
            iso_week = int(text)
        elif key == 'z':
            if text == 'Z':
                offset = timedelta(0)
            else:
                body = text[1:]
                if len(body) > 2 and body[2] == ':':
                    body = body[:2] + body[3:]
                    if len(body) > 4:
                        if body[4] != ':':
                            raise ValueError('Inconsistent use of : in %s' % text)
                        body = body[:4] + body[5:]
                fine = body[7:]
                offset = timedelta(hours=int(body[0:2]), minutes=int(body[2:4]),
                                   seconds=int(body[4:6] or 0),
                                   microseconds=int(fine + '0' * (6 - len(fine))))
                if text[0] == '-':
                    offset = -offset
        elif key == 'Z':
            zone = text
    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week directive "
                             "'%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO year "
                             "directive '%G'. Use '%Y' instead.")
    elif week_of_year is None and iso_week is not None:
        if weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year directive "
                             "'%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year directive '%Y'. "
                         "Use the ISO year '%G' instead.")
    leap_fix = False
    if year is None:
        if month == 2 and day == 29:
            year = 1904          # a leap year, so that February 29th exists below
            leap_fix = True
        else:
            year = 1900
    if julian is None and weekday is not None:
        if week_of_year is not None:
            # the day of the week of January 1st, counted from the week's first day
            first = (_days_before_year(year) + 7) % 7
            k = weekday
            if not week_starts_monday:
                first = (first + 1) % 7
                k = (weekday + 1) % 7
            if week_of_year == 0:
                julian = 1 + k - first
            else:
                julian = 1 + (7 - first) % 7 + 7 * (week_of_year - 1) + k
        elif iso_year is not None and iso_week is not None:
            ordinal = _iso_week1_monday(iso_year) + (iso_week - 1) * 7 + weekday
            year = _ord2ymd(ordinal)[0]
            julian = ordinal - _days_before_year(year)
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _is_leap(year) else 365
    if julian is None:
        _check_date_fields(year, month, day)
    else:
        year, month, day = _ord2ymd(_days_before_year(year) + julian)
    if leap_fix:
        year = 1900
    result = [year, month, day, hour, minute, second, fraction]
    if offset is not None:
        if zone:
            result.append(timezone(offset, zone))
        elif offset:
            result.append(timezone(offset))
        else:
            result.append(timezone.utc)
    return result
