"""Packing values into bytes and back, as CPython 3.11's `struct` on x86-64
Linux.

Offers: pack, unpack, calcsize, pack_into, unpack_from, iter_unpack, the
Struct class (format, size and the same methods) and the exception
`error`. Formats: a byte order first ('@' native with alignment, '='
native without, '<' little-endian, '>' and '!' big-endian), then codes
with optional counts: x c b B ? h H i I l L q Q n N e f d s p P, with
native sizes and alignment for '@' (l, L, n, N, P are 8 bytes) and the
standard sizes otherwise (n, N, P only in native mode). Errors are
CPython's, message for message.

Left out: buffers other than bytes and bytearray (there is no
memoryview or array), so pack_into writes into a bytearray only.
"""

import math

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from",
           "iter_unpack", "Struct", "error"]


class error(Exception):
    pass


# code -> (native size, standard size); native alignment is the size.
_SIZES = {
    "x": (1, 1), "c": (1, 1), "b": (1, 1), "B": (1, 1), "?": (1, 1),
    "h": (2, 2), "H": (2, 2), "i": (4, 4), "I": (4, 4),
    "l": (8, 4), "L": (8, 4), "q": (8, 8), "Q": (8, 8),
    "n": (8, None), "N": (8, None), "P": (8, None),
    "e": (2, 2), "f": (4, 4), "d": (8, 8), "s": (1, 1), "p": (1, 1),
}
_SIGNED = "bhilqn"
_UNSIGNED = "BHILQN"
_I64_MIN = -(1 << 63)
_I64_END = 1 << 63
_U64_END = 1 << 64
_INF = float("inf")


def _format_arg(fmt):
    if type(fmt) is str:
        return fmt
    if type(fmt) is bytes or type(fmt) is bytearray:
        return bytes(fmt).decode("latin-1")
    raise TypeError("Struct() argument 1 must be a str or bytes object, not %s"
                    % type(fmt).__name__)


def _buffer_arg(buf):
    t = type(buf)
    if t is bytes:
        return buf
    if t is bytearray:
        return bytes(buf)
    raise TypeError("a bytes-like object is required, not '%s'" % t.__name__)


def _int_value(v):
    t = type(v)
    if t is int:
        return v
    if t is bool:
        return int(v)
    if t is not float and hasattr(v, "__index__"):
        return v.__index__()
    raise error("required argument is not an integer")


def _float_value(v):
    t = type(v)
    if t is float:
        return v
    if t is int or t is bool:
        try:
            return float(v)
        except OverflowError:
            raise error("required argument is not a float") from None
    if hasattr(v, "__float__"):
        return v.__float__()
    if hasattr(v, "__index__"):
        return float(v.__index__())
    raise error("required argument is not a float")


def _check_int(code, mode, v):
    """Raises CPython's error if v cannot be packed with code in mode
    ('native', 'little' for '<' and '=', 'big' for '>' and '!')."""
    if code in _SIGNED:
        if not _I64_MIN <= v < _I64_END:
            if mode == "big" and code == "q":
                raise error("int too large to convert")
            raise error("argument out of range")
        if code == "b":
            if not -128 <= v <= 127:
                raise error("byte format requires -128 <= number <= 127")
        elif code == "h":
            if not -32768 <= v <= 32767:
                if mode == "big":
                    raise error("'h' format requires -32768 <= number <= 32767")
                raise error("short format requires -32768 <= number <= 32767")
        elif code == "i" or (code == "l" and mode != "native"):
            if not -2147483648 <= v <= 2147483647:
                raise error("'%s' format requires -2147483648 <= number <= "
                            "2147483647" % code)
        return
    if code == "P":
        if not _I64_MIN <= v < _U64_END:
            raise error("int too large to convert")
        return
    # Unsigned codes.
    if code == "B" or (code == "H" and mode != "big"):
        if not _I64_MIN <= v < _I64_END:
            raise error("argument out of range")
        if code == "B" and not 0 <= v <= 255:
            raise error("ubyte format requires 0 <= number <= 255")
        if code == "H" and not 0 <= v <= 65535:
            raise error("ushort format requires 0 <= number <= 65535")
        return
    if not 0 <= v < _U64_END:
        if mode == "big" and code == "Q":
            raise error("int too large to convert")
        raise error("argument out of range")
    if code == "H":
        if v > 65535:
            raise error("'H' format requires 0 <= number <= 65535")
    elif code == "I" or (code == "L" and mode != "native"):
        if v > 4294967295:
            raise error("'%s' format requires 0 <= number <= 4294967295" % code)


# -- floats ------------------------------------------------------------

def _double_bits(x):
    """The IEEE 754 binary64 bits of x, as an int."""
    if x != x:
        return (math.copysign(1.0, x) < 0) << 63 | 0x7FF8000000000000
    sign = 1 << 63 if math.copysign(1.0, x) < 0 else 0
    x = abs(x)
    if x == _INF:
        return sign | 0x7FF0000000000000
    if x == 0.0:
        return sign
    # float.hex is exact: '0x1.<13 hex digits>p<exp>' or, below the
    # normal range, '0x0.<digits>p-1022'.
    text = x.hex()
    p = text.index("p")
    mant = text[2:p]
    exp = int(text[p + 1:])
    if "." in mant:
        lead, frac = mant.split(".")
    else:
        lead, frac = mant, ""
    frac = int((frac + "0000000000000")[:13], 16)
    if lead == "1":
        return sign | (exp + 1023) << 52 | frac
    return sign | frac


def _small_float_bits(x, mant_bits, exp_bits, code, overflow_to_inf):
    """The bits of x rounded (half to even) to a binary float with
    mant_bits bits of mantissa (the hidden one counted) and exp_bits bits
    of exponent: binary32 for 'f', binary16 for 'e'."""
    total = mant_bits + exp_bits
    sign = 1 << (total - 1) if math.copysign(1.0, x) < 0 else 0
    exp_all = (1 << exp_bits) - 1
    if x != x:
        return sign | exp_all << (mant_bits - 1) | 1 << (mant_bits - 2)
    x = abs(x)
    if x == _INF:
        return sign | exp_all << (mant_bits - 1)
    if x == 0.0:
        return sign
    bias = (1 << (exp_bits - 1)) - 1
    emin = 1 - bias
    num, den = x.as_integer_ratio()
    k = den.bit_length() - 1
    e = num.bit_length() - 1 - k
    # q: the exponent of the last mantissa bit.
    q = max(e, emin) - (mant_bits - 1)
    shift = k + q
    if shift > 0:
        mant = num >> shift
        rest = num - (mant << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and mant & 1):
            mant += 1
    else:
        mant = num << -shift
    if mant >> mant_bits:
        mant >>= 1
        q += 1
    hidden = 1 << (mant_bits - 1)
    if mant >= hidden:
        biased = q + (mant_bits - 1) + bias
        frac = mant - hidden
    else:
        biased = 0
        frac = mant
    if biased >= exp_all:
        if overflow_to_inf:
            return sign | exp_all << (mant_bits - 1)
        raise OverflowError("float too large to pack with %s format" % code)
    return sign | biased << (mant_bits - 1) | frac


def _bits_float(bits, code):
    """The float whose binary64/32/16 bits ('d', 'f', 'e') are given."""
    if code == "d":
        mant_bits, exp_bits, digits = 53, 11, 13
    elif code == "f":
        mant_bits, exp_bits, digits = 24, 8, 6
    else:
        mant_bits, exp_bits, digits = 11, 5, 3
    frac_bits = mant_bits - 1
    negative = bits >> (frac_bits + exp_bits)
    biased = (bits >> frac_bits) & ((1 << exp_bits) - 1)
    frac = bits & ((1 << frac_bits) - 1)
    bias = (1 << (exp_bits - 1)) - 1
    if biased == (1 << exp_bits) - 1:
        if frac:
            return float("nan")
        value = _INF
    else:
        # Left-align the fraction in whole hex digits.
        frac <<= digits * 4 - frac_bits
        if biased == 0:
            value = float.fromhex("0x0.%sp%d" % (("%x" % frac).zfill(digits),
                                                 1 - bias))
        else:
            value = float.fromhex("0x1.%sp%d" % (("%x" % frac).zfill(digits),
                                                 biased - bias))
    if negative:
        return -value
    return value


# -- compiled formats --------------------------------------------------

def _compile(fmt):
    """(size, items, nargs) for a format: items are (code, offset, size)
    for each value, 's' and 'p' taking their count as size."""
    mode = "native"
    order = "little"
    i = 0
    n = len(fmt)
    if n and fmt[0] in "@=<>!":
        c = fmt[0]
        if c == "=" or c == "<":
            mode = "little"
        elif c == ">" or c == "!":
            mode = "big"
            order = "big"
        i = 1
    native = mode == "native"
    items = []
    offset = 0
    while i < n:
        c = fmt[i]
        if c.isspace():
            i += 1
            continue
        count = 1
        if "0" <= c <= "9":
            j = i
            while j < n and "0" <= fmt[j] <= "9":
                j += 1
            count = int(fmt[i:j])
            if j >= n:
                raise error("repeat count given without format specifier")
            i = j
            c = fmt[i]
        sizes = _SIZES.get(c)
        if sizes is None:
            raise error("bad char in struct format")
        size = sizes[0] if native else sizes[1]
        if size is None:
            raise error("bad char in struct format")
        if native and size > 1:
            offset = (offset + size - 1) // size * size
        if offset + count * size >= _I64_END:
            raise error("total struct size too long")
        if c == "s" or c == "p":
            items.append((c, offset, count))
            offset += count
        elif c == "x":
            offset += count
        else:
            for _ in range(count):
                items.append((c, offset, size))
                offset += size
        if offset >= _I64_END:
            raise error("total struct size too long")
        i += 1
    return offset, items, mode, order


# format -> Struct, for the module's functions.
_cache = {}


class Struct:
    """A compiled format: Struct(format).pack(...) and so on."""

    __module__ = "_struct"

    def __init__(self, format):
        fmt = _format_arg(format)
        self.format = fmt
        self.size, self._items, self._mode, self._order = _compile(fmt)

    def __repr__(self):
        return "Struct(%r)" % (self.format,)

    def _pack_to(self, args, out, what):
        items = self._items
        if len(args) != len(items):
            raise error("%s expected %d items for packing (got %d)"
                        % (what, len(items), len(args)))
        mode = self._mode
        order = self._order
        pos = 0
        for k in range(len(items)):
            code, offset, size = items[k]
            v = args[k]
            if offset > pos:
                out.append(b"\0" * (offset - pos))
            pos = offset + size
            if code in "bBhHiIlLqQnNP":
                v = _int_value(v)
                _check_int(code, mode, v)
                if v < 0:
                    v += 1 << (8 * size)
                out.append(v.to_bytes(size, order))
            elif code == "d":
                out.append(_double_bits(_float_value(v)).to_bytes(8, order))
            elif code == "f":
                bits = _small_float_bits(_float_value(v), 24, 8, "f",
                                         mode == "native")
                out.append(bits.to_bytes(4, order))
            elif code == "e":
                bits = _small_float_bits(_float_value(v), 11, 5, "e", False)
                out.append(bits.to_bytes(2, order))
            elif code == "?":
                out.append(b"\x01" if v else b"\x00")
            elif code == "c":
                if type(v) is not bytes or len(v) != 1:
                    raise error("char format requires a bytes object of length 1")
                out.append(v)
            else:
                if type(v) is not bytes and type(v) is not bytearray:
                    raise error("argument for '%s' must be a bytes object" % code)
                if code == "s":
                    data = bytes(v[:size])
                    out.append(data + b"\0" * (size - len(data)))
                elif size > 0:
                    data = bytes(v[:size - 1])
                    out.append(bytes([min(len(data), 255)]) + data
                               + b"\0" * (size - 1 - len(data)))
        if self.size > pos:
            out.append(b"\0" * (self.size - pos))

    def pack(self, *args):
        """The bytes holding the values, laid out as the format says."""
        out = []
        self._pack_to(args, out, "pack")
        return b"".join(out)

    def pack_into(self, buffer, offset, *args):
        """Packs the values into the bytearray buffer at offset (from the
        end when negative)."""
        if type(buffer) is not bytearray:
            raise TypeError("argument must be read-write bytes-like object, not %s"
                            % type(buffer).__name__)
        out = []
        self._pack_to(args, out, "pack_into")
        offset = _int_value_type(offset)
        n = len(buffer)
        if offset < 0:
            if offset + self.size > 0:
                raise error("no space to pack %d bytes at offset %d"
                            % (self.size, offset))
            if offset + n < 0:
                raise error("offset %d out of range for %d-byte buffer"
                            % (offset, n))
            offset += n
        if n - offset < self.size:
            raise error("pack_into requires a buffer of at least %d bytes for "
                        "packing %d bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, n))
        buffer[offset:offset + self.size] = b"".join(out)

    def _unpack_at(self, buf, base):
        result = []
        order = self._order
        for code, offset, size in self._items:
            a = base + offset
            if code in "bhilqn":
                result.append(int.from_bytes(buf[a:a + size], order, signed=True))
            elif code in "BHILQNP":
                result.append(int.from_bytes(buf[a:a + size], order))
            elif code == "d" or code == "f" or code == "e":
                result.append(_bits_float(int.from_bytes(buf[a:a + size], order), code))
            elif code == "?":
                result.append(buf[a] != 0)
            elif code == "c":
                result.append(bytes(buf[a:a + 1]))
            elif code == "s":
                result.append(bytes(buf[a:a + size]))
            elif size > 0:
                k = buf[a]
                if k >= size:
                    k = size - 1
                result.append(bytes(buf[a + 1:a + 1 + k]))
            else:
                result.append(b"")
        return tuple(result)

    def unpack(self, buffer):
        """The tuple of values in buffer, which must be exactly size bytes."""
        buf = _buffer_arg(buffer)
        if len(buf) != self.size:
            raise error("unpack requires a buffer of %d bytes" % self.size)
        return self._unpack_at(buf, 0)

    def unpack_from(self, buffer, offset=0):
        """The tuple of values at buffer[offset:] (from the end when
        offset is negative)."""
        buf = _buffer_arg(buffer)
        offset = _int_value_type(offset)
        n = len(buf)
        if offset < 0:
            if offset + n < 0:
                raise error("offset %d out of range for %d-byte buffer"
                            % (offset, n))
            if offset + self.size > 0:
                raise error("not enough data to unpack %d bytes at offset %d"
                            % (self.size, offset))
            offset += n
        if n - offset < self.size:
            raise error("unpack_from requires a buffer of at least %d bytes for "
                        "unpacking %d bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, n))
        return self._unpack_at(buf, offset)

    def iter_unpack(self, buffer):
        """An iterator of the tuples of values, one per size bytes."""
        buf = _buffer_arg(buffer)
        if self.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        if len(buf) % self.size:
            raise error("iterative unpacking requires a buffer of a multiple "
                        "of %d bytes" % self.size)
        return _iter_unpack(self, bytes(buf))


def _iter_unpack(st, buf):
    for base in range(0, len(buf), st.size):
        yield st._unpack_at(buf, base)


def _int_value_type(v):
    if type(v) is int:
        return v
    if type(v) is bool:
        return int(v)
    if hasattr(v, "__index__"):
        return v.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer"
                    % type(v).__name__)


def _struct(fmt):
    st = _cache.get(fmt)
    if st is None:
        st = Struct(fmt)
        if len(_cache) > 100:
            _cache.clear()
        _cache[st.format] = st
    return st


def calcsize(*args):
    """calcsize(format): the size in bytes of what the format packs."""
    if len(args) != 1:
        raise TypeError("_struct.calcsize() takes exactly one argument (%d given)"
                        % len(args))
    return _struct(args[0]).size


def pack(*args):
    """pack(format, v1, v2, ...): the bytes holding the values."""
    if not args:
        raise TypeError("missing format argument")
    return _struct(args[0]).pack(*args[1:])


def pack_into(*args):
    """pack_into(format, buffer, offset, v1, v2, ...): packs into a
    bytearray."""
    if not args:
        raise TypeError("missing format argument")
    st = _struct(args[0])
    if len(args) < 2:
        raise error("pack_into expected buffer argument")
    if len(args) < 3:
        raise error("pack_into expected offset argument")
    st.pack_into(*args[1:])


def unpack(*args):
    """unpack(format, buffer): the tuple of values in buffer."""
    if len(args) != 2:
        raise TypeError("unpack expected 2 arguments, got %d" % len(args))
    return _struct(args[0]).unpack(args[1])


def unpack_from(format, buffer, offset=0):
    """The tuple of values at buffer[offset:]."""
    return _struct(format).unpack_from(buffer, offset)


def iter_unpack(*args):
    """iter_unpack(format, buffer): an iterator of value tuples."""
    if len(args) != 2:
        raise TypeError("iter_unpack expected 2 arguments, got %d" % len(args))
    return _struct(args[0]).iter_unpack(args[1])
