"""Typed arrays of numbers or characters, as CPython's `array` module has them.

`array(typecode, initializer)` for the typecodes b B u h H i I l L q Q f d
(item sizes as on 64-bit Linux: 1 1 4 2 2 4 4 8 8 8 8 4 8). Values are checked
as CPython checks them, with its OverflowError and TypeError messages; 'f'
items are rounded to single precision. An array offers indexing and slicing
(read, write, delete), append, extend, insert, pop, remove, index, count,
reverse, byteswap, tobytes/frombytes (little-endian, IEEE 754 for f and d),
tolist/fromlist, tounicode/fromunicode, tofile/fromfile, itemsize,
typecode, len, iteration, `in`, comparisons, `+`, `*`, `+=`, `*=` and
CPython's repr. The module has `typecodes` and `ArrayType`.

Left out: buffer_info and the buffer protocol (no memoryview), pickling
(__reduce_ex__). Where Shoal differs: the items live in a list, so a 'u'
array built from bytes checks its code points at once (CPython checks them
on reading; a byteswapped 'u' array is refused here); `a.typecode = 'x'`
says "property 'typecode' of 'array' object has no setter"; iterating gives
a list iterator; and errors raised by Shoal itself name the type 'array'
where CPython says 'array.array'.
"""

from math import copysign as _copysign

typecodes = 'bBuhHiIlLqQfd'

_SIZES = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8,
          'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}

_C_LONG = 'Python int too large to convert to C long'
_LONG = (-2 ** 63, 2 ** 63 - 1, _C_LONG, _C_LONG)
_SHORT = (-32768, 32767, 'signed short integer is less than minimum',
          'signed short integer is greater than maximum')
_INT = (-2 ** 31, 2 ** 31 - 1, 'signed integer is less than minimum',
        'signed integer is greater than maximum')

# For each integer typecode, the checks CPython makes, outermost first:
# (lowest, highest, message below, message above).
_INT_CHECKS = {
    'b': [_LONG, _SHORT, (-128, 127, 'signed char is less than minimum',
                          'signed char is greater than maximum')],
    'B': [_LONG, (0, 255, 'unsigned byte integer is less than minimum',
                  'unsigned byte integer is greater than maximum')],
    'h': [_LONG, _SHORT],
    'H': [_LONG, _INT, (0, 65535, 'unsigned short is less than minimum',
                        'unsigned short is greater than maximum')],
    'i': [_LONG, _INT],
    'I': [(0, 2 ** 64 - 1, "can't convert negative value to unsigned int",
           'Python int too large to convert to C unsigned long'),
          (0, 2 ** 32 - 1, '', 'unsigned int is greater than maximum')],
    'l': [_LONG],
    'L': [(0, 2 ** 64 - 1, "can't convert negative value to unsigned int",
           'Python int too large to convert to C unsigned long')],
    'q': [(-2 ** 63, 2 ** 63 - 1, 'int too big to convert', 'int too big to convert')],
    'Q': [(0, 2 ** 64 - 1, "can't convert negative int to unsigned", 'int too big to convert')],
}


def _int_converter(checks):
    lo, hi = checks[-1][0], checks[-1][1]

    def convert(v):
        if type(v) is not int:
            if isinstance(v, int):
                v = int(v)
            elif hasattr(type(v), '__index__'):
                v = v.__index__()
            else:
                raise TypeError("'%s' object cannot be interpreted as an integer"
                                % type(v).__name__)
        if lo <= v <= hi:
            return v
        for low, high, below, above in checks:
            if v < low:
                raise OverflowError(below)
            if v > high:
                raise OverflowError(above)
        return v
    return convert


def _to_double(v):
    if type(v) is float:
        return v
    if isinstance(v, (int, float)) or hasattr(type(v), '__float__') or hasattr(type(v), '__index__'):
        return float(v)
    raise TypeError('must be real number, not %s' % type(v).__name__)


_INF = float('inf')
_F32_OVERFLOW = 2.0 ** 128 - 2.0 ** 103   # from here up, single precision rounds to inf


def _round_f32(x):
    # The float nearest to x among single-precision values (ties to even).
    if x != x or x == 0.0:
        return x
    ax = -x if x < 0 else x
    if ax >= _F32_OVERFLOW:
        return -_INF if x < 0 else _INF
    n, d = ax.as_integer_ratio()
    k = d.bit_length() - 1                 # ax = n / 2**k
    shift = n.bit_length() - 1 - k - 23    # weight of the last of 24 bits
    if shift < -149:
        shift = -149                       # subnormal singles
    s = -shift - k
    if s >= 0:
        return x                           # already fits
    r = -s
    q = n >> r
    rest = n & ((1 << r) - 1)
    half = 1 << (r - 1)
    if rest > half or (rest == half and q & 1):
        q += 1
    result = q * 2.0 ** shift
    if result >= 2.0 ** 128:
        result = _INF
    return -result if x < 0 else result


def _to_single(v):
    return _round_f32(_to_double(v))


def _to_char(v):
    if type(v) is str and len(v) == 1:
        return v
    raise TypeError('array item must be unicode character')


_CONVERTERS = {'f': _to_single, 'd': _to_double, 'u': _to_char}
for _tc in _INT_CHECKS:
    _CONVERTERS[_tc] = _int_converter(_INT_CHECKS[_tc])
del _tc


class _NoFastPath:
    pass


# ---- bytes ----

def _float_bits(x, exp_bits, frac_bits):
    # The IEEE 754 bits of x (which the format holds exactly).
    bias = (1 << (exp_bits - 1)) - 1
    sign = 0
    if _copysign(1.0, x) < 0:
        sign = 1
        x = -x
    if x != x:
        bits = (((1 << exp_bits) - 1) << frac_bits) | (1 << (frac_bits - 1))
    elif x == _INF:
        bits = ((1 << exp_bits) - 1) << frac_bits
    elif x == 0.0:
        bits = 0
    else:
        n, d = x.as_integer_ratio()
        k = d.bit_length() - 1
        e = n.bit_length() - 1 - k
        if e >= 1 - bias:
            shift = frac_bits - e - k
            m = n << shift if shift >= 0 else n >> -shift
            bits = ((e + bias) << frac_bits) | (m - (1 << frac_bits))
        else:
            shift = bias - 1 + frac_bits - k
            bits = n << shift if shift >= 0 else n >> -shift
    return bits | (sign << (exp_bits + frac_bits))


def _bits_float(bits, exp_bits, frac_bits):
    bias = (1 << (exp_bits - 1)) - 1
    frac = bits & ((1 << frac_bits) - 1)
    e = (bits >> frac_bits) & ((1 << exp_bits) - 1)
    negative = bits >> (exp_bits + frac_bits)
    if e == (1 << exp_bits) - 1:
        x = _INF if frac == 0 else float('nan')
    elif e == 0:
        x = frac * 2.0 ** (1 - bias - frac_bits)
    else:
        x = (frac | (1 << frac_bits)) * 2.0 ** (e - bias - frac_bits)
    return -x if negative else x


def _encode(tc, items):
    size = _SIZES[tc]
    out = bytearray()
    if tc == 'd':
        for x in items:
            out += _float_bits(x, 11, 52).to_bytes(8, 'little')
    elif tc == 'f':
        for x in items:
            out += _float_bits(x, 8, 23).to_bytes(4, 'little')
    elif tc == 'u':
        for c in items:
            out += ord(c).to_bytes(4, 'little')
    else:
        signed = tc in 'bhilq'
        for v in items:
            out += v.to_bytes(size, 'little', signed=signed)
    return bytes(out)


def _decode(tc, data):
    size = _SIZES[tc]
    items = []
    if tc == 'B':
        return list(data)
    if tc == 'b':
        return [v - 256 if v > 127 else v for v in data]
    if type(data) is not bytes:
        data = bytes(data)     # Shoal's int.from_bytes takes bytes only
    from_bytes = int.from_bytes
    signed = tc in 'bhilq'
    for i in range(0, len(data), size):
        v = from_bytes(data[i:i + size], 'little', signed=signed)
        if tc == 'd':
            v = _bits_float(v, 11, 52)
        elif tc == 'f':
            v = _bits_float(v, 8, 23)
        elif tc == 'u':
            if v > 0x10ffff:
                raise ValueError('character U+%x is not in range [U+0000; U+10ffff]' % v)
            v = chr(v)
        items.append(v)
    return items


def _not_comparable(op, other):
    if isinstance(other, (int, float, str, bytes, bytearray, list, tuple, dict,
                          set, frozenset, range, type(None))):
        raise TypeError("'%s' not supported between instances of 'array.array' and '%s'"
                        % (op, type(other).__name__))
    return NotImplemented


class array:
    """array(typecode [, initializer]) -> array

Return a new array whose items are restricted by typecode, and
initialized from the optional initializer value, which must be a list,
string or iterable over elements of the appropriate type."""

    __slots__ = ('_a', '_tc', '_conv', '_fast')

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError('array.array() takes no keyword arguments')
        if len(args) > 2:
            raise TypeError('array() takes at most 2 arguments (%d given)' % len(args))
        if not args:
            raise TypeError('array() takes at least 1 argument (0 given)')
        tc = args[0]
        if type(tc) is not str or len(tc) != 1:
            raise TypeError('array() argument 1 must be a unicode character, not %s'
                            % type(tc).__name__)
        if tc not in _SIZES:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self._tc = tc
        self._conv = _CONVERTERS[tc]
        self._fast = float if tc == 'd' else _NoFastPath
        self._a = []
        if len(args) == 1:
            return
        init = args[1]
        if isinstance(init, str):
            if tc != 'u':
                raise TypeError("cannot use a str to initialize an array with typecode '%s'" % tc)
            self._a = list(init)
        elif isinstance(init, array):
            if init._tc == tc:
                self._a = list(init._a)
            elif init._tc == 'u':
                raise TypeError("cannot use a unicode array to initialize an array with typecode '%s'" % tc)
            else:
                conv = self._conv
                self._a = [conv(v) for v in init._a]
        elif isinstance(init, (bytes, bytearray)):
            self.frombytes(init)
        elif isinstance(init, (list, tuple)):
            conv = self._conv
            self._a = [conv(v) for v in init]
        else:
            self.extend(init)

    @property
    def typecode(self):
        """the typecode character used to create the array"""
        return self._tc

    @property
    def itemsize(self):
        """the size, in bytes, of one array item"""
        return _SIZES[self._tc]

    def _new(self, items):
        result = array(self._tc)
        result._a = items
        return result

    # ---- items ----

    def __len__(self):
        return len(self._a)

    def __getitem__(self, i):
        try:
            v = self._a[i]
        except IndexError:
            raise IndexError('array index out of range') from None
        except TypeError:
            return self._a[self._index(i, 'array index out of range')]
        if type(v) is list:
            return self._new(v)             # i was a slice
        return v

    def __setitem__(self, i, v):
        if type(v) is self._fast:
            try:
                self._a[i] = v
                return
            except IndexError:
                raise IndexError('array assignment index out of range') from None
            except TypeError:
                pass
        self._setitem(i, v)

    def _setitem(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError('can only assign array (not "%s") to array slice'
                                % type(v).__name__)
            if v._tc != self._tc:
                raise TypeError('bad argument type for built-in operation')
            items = v._a
            if items is self._a:
                items = list(items)
            if i.step is not None and i.step != 1:
                size = len(range(*i.indices(len(self._a))))
                if size != len(items):
                    raise ValueError('attempt to assign array of size %d to extended slice of size %d'
                                     % (len(items), size))
            self._a[i] = items
            return
        i = self._index(i, 'array assignment index out of range')
        self._a[i] = self._conv(v)

    def __delitem__(self, i):
        if isinstance(i, slice):
            if i.step is None or i.step == 1:
                self._a[i] = []
            else:
                del self._a[i]
            return
        i = self._index(i, 'array assignment index out of range')
        del self._a[i]

    def _index(self, i, message):
        if type(i) is not int:
            if isinstance(i, int):
                i = int(i)
            elif hasattr(type(i), '__index__'):
                i = i.__index__()
            else:
                raise TypeError('array indices must be integers')
        n = len(self._a)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(message)
        return i

    def __iter__(self):
        return iter(self._a)

    def __contains__(self, v):
        return v in self._a

    # ---- methods ----

    def append(self, v):
        """Append new value v to the end of the array."""
        if type(v) is not self._fast:
            v = self._conv(v)
        self._a.append(v)

    def extend(self, iterable):
        """Append items to the end of the array."""
        if isinstance(iterable, array):
            if iterable._tc != self._tc:
                raise TypeError('can only extend with array of same kind')
            self._a.extend(iterable._a)
            return
        conv = self._conv
        items = self._a
        for v in iterable:
            items.append(conv(v))

    def insert(self, i, v):
        """Insert a new item v into the array before position i."""
        i = _as_index(i)
        self._a.insert(i, self._conv(v))

    def pop(self, i=-1):
        """Return the i-th element and delete it from the array.

i defaults to -1."""
        i = _as_index(i)
        items = self._a
        if not items:
            raise IndexError('pop from empty array')
        try:
            return items.pop(i)
        except IndexError:
            raise IndexError('pop index out of range') from None

    def remove(self, v):
        """Remove the first occurrence of v in the array."""
        try:
            self._a.remove(v)
        except ValueError:
            raise ValueError('array.remove(x): x not in array') from None

    def index(self, v, start=0, stop=9223372036854775807):
        """Return index of first occurrence of v in the array."""
        start = _slice_index(start)
        stop = _slice_index(stop)
        try:
            return self._a.index(v, start, stop)
        except ValueError:
            raise ValueError('array.index(x): x not in array') from None

    def count(self, v):
        """Return number of occurrences of v in the array."""
        return self._a.count(v)

    def reverse(self):
        """Reverse the order of the items in the array."""
        self._a.reverse()

    def byteswap(self):
        """Byteswap all items of the array."""
        size = _SIZES[self._tc]
        if size == 1:
            return
        data = _encode(self._tc, self._a)
        swapped = bytearray()
        for i in range(0, len(data), size):
            swapped += data[i:i + size][::-1]
        self._a[:] = _decode(self._tc, swapped)

    def tobytes(self):
        """Convert the array to an array of machine values and return the bytes representation."""
        if self._tc == 'B':
            return bytes(self._a)
        return _encode(self._tc, self._a)

    def frombytes(self, data):
        """Appends items from the string, interpreting it as an array of machine values, as if it had been read from a file using the fromfile() method."""
        if isinstance(data, array):
            if _SIZES[data._tc] != 1:
                raise TypeError('a bytes-like object is required')
            data = data.tobytes()
        elif not isinstance(data, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
        if len(data) % _SIZES[self._tc]:
            raise ValueError('bytes length not a multiple of item size')
        self._a.extend(_decode(self._tc, data))

    def tolist(self):
        """Convert array to an ordinary list with the same items."""
        return list(self._a)

    def fromlist(self, items):
        """Append items to array from list."""
        if not isinstance(items, list):
            raise TypeError('arg must be list')
        conv = self._conv
        self._a.extend([conv(v) for v in items])

    def tounicode(self):
        """Extends this array with data from the unicode string ustr."""
        if self._tc != 'u':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self._a)

    def fromunicode(self, s):
        """Extends this array with data from the unicode string ustr."""
        if not isinstance(s, str):
            raise TypeError('fromunicode() argument must be str, not %s' % type(s).__name__)
        if self._tc != 'u':
            raise ValueError('fromunicode() may only be called on unicode type arrays')
        self._a.extend(s)

    def tofile(self, f):
        """Write all items (as machine values) to the file object f."""
        f.write(self.tobytes())

    def fromfile(self, f, n):
        """Read n objects from the file object f and append them to the end of the array."""
        n = _as_index(n)
        if n < 0:
            raise ValueError('negative count')
        want = n * _SIZES[self._tc]
        data = f.read(want)
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError('read() didn\'t return bytes')
        usable = len(data) - len(data) % _SIZES[self._tc]
        self.frombytes(data[:usable])
        if len(data) != want:
            raise EOFError("read() didn't return enough bytes")

    def __copy__(self):
        return self._new(list(self._a))

    def __deepcopy__(self, memo):
        return self._new(list(self._a))

    # ---- operators ----

    def __repr__(self):
        if not self._a:
            return "array('%s')" % self._tc
        if self._tc == 'u':
            return "array('u', %r)" % ''.join(self._a)
        return "array('%s', %r)" % (self._tc, self._a)

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a == other._a

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a != other._a

    def __lt__(self, other):
        if not isinstance(other, array):
            return _not_comparable('<', other)
        return self._a < other._a

    def __le__(self, other):
        if not isinstance(other, array):
            return _not_comparable('<=', other)
        return self._a <= other._a

    def __gt__(self, other):
        if not isinstance(other, array):
            return _not_comparable('>', other)
        return self._a > other._a

    def __ge__(self, other):
        if not isinstance(other, array):
            return _not_comparable('>=', other)
        return self._a >= other._a

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "%s") to array' % type(other).__name__)
        if other._tc != self._tc:
            raise TypeError('bad argument type for built-in operation')
        return self._new(self._a + other._a)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not "%s")' % type(other).__name__)
        if other._tc != self._tc:
            raise TypeError('can only extend with array of same kind')
        self._a.extend(other._a)
        return self

    def __mul__(self, n):
        if not isinstance(n, int):
            if not hasattr(type(n), '__index__'):
                raise TypeError("can't multiply sequence by non-int of type '%s'" % type(n).__name__)
            n = n.__index__()
        return self._new(self._a * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        n = _as_index(n)
        if n <= 0:
            self._a.clear()
        else:
            self._a[:] = self._a * n
        return self


ArrayType = array


def _as_index(n):
    if type(n) is int:
        return n
    if isinstance(n, int):
        return int(n)
    if hasattr(type(n), '__index__'):
        return n.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)


def _slice_index(n):
    if type(n) is int:
        return n
    if isinstance(n, int):
        return int(n)
    if hasattr(type(n), '__index__'):
        return n.__index__()
    raise TypeError('slice indices must be integers or have an __index__ method')
