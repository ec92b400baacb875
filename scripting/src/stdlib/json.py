"""JSON text to Python values and back, as CPython 3.11's `json` module.

Offers: dumps, dump, loads, load; JSONEncoder (subclass it and override
default(), or pass default=) with skipkeys, ensure_ascii, check_circular,
allow_nan, sort_keys, indent (an int or a str), separators; JSONDecoder
with object_hook, object_pairs_hook, parse_float, parse_int,
parse_constant, strict, decode() and raw_decode(); JSONDecodeError with
CPython's messages, msg, doc, pos, lineno and colno. Bytes given to loads
are decoded as UTF-8 (a UTF-8 BOM is skipped). Nesting deeper than the
interpreter's recursion limit raises RecursionError with CPython's text.

Left out: the json.decoder, json.encoder, json.scanner and json.tool
submodules; bytes in UTF-16 or UTF-32 (Shoal has no such codecs); lone
surrogates (a "\\ud800" escape not followed by its pair decodes to U+FFFD,
since Shoal's str cannot hold a surrogate).
"""

__all__ = ["dump", "dumps", "load", "loads", "JSONDecoder",
           "JSONDecodeError", "JSONEncoder"]


class JSONDecodeError(ValueError):
    """What loads() raises for text that is not JSON.

    msg: the message without the position; doc: the text; pos: the index
    where it failed; lineno, colno: the line and column of pos.
    """

    __module__ = "json.decoder"

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)"
                            % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


# ---------------------------------------------------------------------------
# Encoding

_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
    "\b": "\\b", "\f": "\\f",
}
_ESC_TABLE = {}
for _i in range(32):
    _ESC_TABLE[_i] = "\\u%04x" % _i
for _c in _ESCAPES:
    _ESC_TABLE[ord(_c)] = _ESCAPES[_c]
del _i, _c
# With ensure_ascii, DEL is escaped too.
_ESC_ASCII_TABLE = dict(_ESC_TABLE)
_ESC_ASCII_TABLE[127] = "\\u007f"


def _encode_str(s):
    """A str as a JSON string, non-ASCII characters kept."""
    if '"' in s or "\\" in s or not s.isprintable():
        return '"' + s.translate(_ESC_TABLE) + '"'
    return '"' + s + '"'


def _encode_str_ascii(s):
    """A str as a JSON string of ASCII characters only."""
    if s.isascii():
        if '"' in s or "\\" in s or not s.isprintable():
            return '"' + s.translate(_ESC_ASCII_TABLE) + '"'
        return '"' + s + '"'
    out = []
    for c in s:
        n = ord(c)
        if n < 128:
            if n < 32 or n == 127 or c == '"' or c == "\\":
                out.append(_ESC_ASCII_TABLE[n])
            else:
                out.append(c)
        elif n < 0x10000:
            out.append("\\u%04x" % n)
        else:
            n -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
    return '"' + "".join(out) + '"'


class JSONEncoder:
    """Turns Python values into JSON text.

    dict -> object, list and tuple -> array, str -> string, int and float
    -> number, True/False -> true/false, None -> null. Anything else goes
    through default(), which raises TypeError unless overridden.
    """

    __module__ = "json.encoder"

    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
                 check_circular=True, allow_nan=True, sort_keys=False,
                 indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError("Object of type %s is not JSON serializable"
                        % type(o).__name__)

    def encode(self, o):
        """The JSON text of o, as one str."""
        if type(o) is str:
            if self.ensure_ascii:
                return _encode_str_ascii(o)
            return _encode_str(o)
        return "".join(self.iterencode(o, _one_shot=True))

    def iterencode(self, o, _one_shot=False):
        """The JSON text of o, in pieces (an iterator of str)."""
        parts = []
        try:
            _encode_into(self, o, parts)
        except RecursionError:
            if self.indent is None:
                raise RecursionError("maximum recursion depth exceeded "
                                     "while encoding a JSON object") from None
            raise RecursionError("maximum recursion depth exceeded "
                                 "while calling a Python object") from None
        return iter(parts)


def _float_str(o, allow_nan, with_repr):
    if o != o:
        text = "NaN"
    elif o == _INF:
        text = "Infinity"
    elif o == -_INF:
        text = "-Infinity"
    else:
        return float.__repr__(o)
    if not allow_nan:
        # CPython's C encoder (no indent) leaves the value out of the
        # message, its Python one (with indent) puts it in.
        if with_repr:
            raise ValueError("Out of range float values are not JSON "
                             "compliant: " + float.__repr__(o))
        raise ValueError("Out of range float values are not JSON compliant")
    return text


_INF = float("inf")


def _first(pair):
    return pair[0]


def _encode_into(enc, o, parts):
    """Appends the JSON text of o to the list parts."""
    indent = enc.indent
    if indent is not None and type(indent) is not str:
        indent = " " * indent
    markers = {} if enc.check_circular else None
    encode_str = _encode_str_ascii if enc.ensure_ascii else _encode_str
    allow_nan = enc.allow_nan
    with_repr = indent is not None
    item_sep = enc.item_separator
    key_sep = enc.key_separator
    sort_keys = enc.sort_keys
    skipkeys = enc.skipkeys
    default = enc.default
    append = parts.append

    def encode(o, level):
        # One call per level of nesting: the items of a list or dict that
        # are not containers are written here, not by a call.
        t = type(o)
        if t is str:
            append(encode_str(o))
        elif o is None:
            append("null")
        elif o is True:
            append("true")
        elif o is False:
            append("false")
        elif t is int:
            append(int.__repr__(o))
        elif t is float:
            append(_float_str(o, allow_nan, with_repr))
        # Subclasses of the built-in types are encoded as those types.
        elif isinstance(o, str):
            append(encode_str(str.__str__(o)))
        elif isinstance(o, int):
            append(int.__repr__(o))
        elif isinstance(o, float):
            append(_float_str(o, allow_nan, with_repr))
        elif t is list or t is tuple or isinstance(o, (list, tuple)):
            if not o:
                append("[]")
                return
            if markers is not None:
                key = id(o)
                if key in markers:
                    raise ValueError("Circular reference detected")
                markers[key] = o
            if indent is None:
                sep = item_sep
                append("[")
            else:
                level += 1
                newline = "\n" + indent * level
                sep = item_sep + newline
                append("[" + newline)
            first = True
            for v in o:
                if first:
                    first = False
                else:
                    append(sep)
                t = type(v)
                if t is str:
                    append(encode_str(v))
                elif v is None:
                    append("null")
                elif v is True:
                    append("true")
                elif v is False:
                    append("false")
                elif t is int:
                    append(int.__repr__(v))
                elif t is float:
                    append(_float_str(v, allow_nan, with_repr))
                else:
                    encode(v, level)
            if indent is None:
                append("]")
            else:
                level -= 1
                append("\n" + indent * level + "]")
            if markers is not None:
                del markers[key]
        elif t is dict or isinstance(o, dict):
            if not o:
                append("{}")
                return
            if markers is not None:
                key = id(o)
                if key in markers:
                    raise ValueError("Circular reference detected")
                markers[key] = o
            if indent is None:
                sep = item_sep
                append("{")
            else:
                level += 1
                newline = "\n" + indent * level
                sep = item_sep + newline
                append("{" + newline)
            first = True
            # Sorted by key alone: keys are unique, and a failed comparison
            # then names the keys' types, as CPython's message does.
            items = sorted(o.items(), key=_first) if sort_keys else o.items()
            for k, v in items:
                t = type(k)
                if t is str:
                    pass
                elif t is float:
                    k = _float_str(k, allow_nan, with_repr)
                elif k is True:
                    k = "true"
                elif k is False:
                    k = "false"
                elif k is None:
                    k = "null"
                elif t is int:
                    k = int.__repr__(k)
                elif skipkeys:
                    continue
                else:
                    raise TypeError("keys must be str, int, float, bool or "
                                    "None, not %s" % t.__name__)
                if first:
                    first = False
                else:
                    append(sep)
                append(encode_str(k))
                append(key_sep)
                t = type(v)
                if t is str:
                    append(encode_str(v))
                elif v is None:
                    append("null")
                elif v is True:
                    append("true")
                elif v is False:
                    append("false")
                elif t is int:
                    append(int.__repr__(v))
                elif t is float:
                    append(_float_str(v, allow_nan, with_repr))
                else:
                    encode(v, level)
            if indent is None:
                append("}")
            else:
                level -= 1
                append("\n" + indent * level + "}")
            if markers is not None:
                del markers[key]
        else:
            if markers is not None:
                key = id(o)
                if key in markers:
                    raise ValueError("Circular reference detected")
                markers[key] = o
            encode(default(o), level)
            if markers is not None:
                del markers[key]

    encode(o, 0)


_default_encoder = JSONEncoder()


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
          allow_nan=True, cls=None, indent=None, separators=None,
          default=None, sort_keys=False, **kw):
    """The JSON text of obj, as a str."""
    if (not skipkeys and ensure_ascii and check_circular and allow_nan
            and cls is None and indent is None and separators is None
            and default is None and not sort_keys and not kw):
        # The native encoder takes plain values; the script encoder
        # anything else.
        fast = _encode(obj)
        if fast is not None:
            return fast
        return _default_encoder.encode(obj)
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
               check_circular=check_circular, allow_nan=allow_nan,
               indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True,
         allow_nan=True, cls=None, indent=None, separators=None,
         default=None, sort_keys=False, **kw):
    """Writes the JSON text of obj to the file fp (anything with write())."""
    if cls is None:
        cls = JSONEncoder
    enc = cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
              check_circular=check_circular, allow_nan=allow_nan,
              indent=indent, separators=separators, default=default,
              sort_keys=sort_keys, **kw)
    for chunk in enc.iterencode(obj):
        fp.write(chunk)


# ---------------------------------------------------------------------------
# Decoding
#
# The scanner works on the UTF-8 bytes of the text: indexing bytes gives
# small ints and costs the same wherever it is, and the text is split
# once at its quotes, so that most strings are read as one piece. Error
# positions are turned back into character positions.

_SIMPLE_ESC = {34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f",
               110: "\n", 114: "\r", 116: "\t"}
_CONTROL = bytes(range(32))


def _hex4(b, i):
    """The value of the 4 hex digits at b[i:i+4], or -1."""
    h = b[i:i + 4]
    if len(h) != 4:
        return -1
    for c in h:
        if not (48 <= c <= 57 or 97 <= c <= 102 or 65 <= c <= 70):
            return -1
    return int(h.decode(), 16)


class _Scanner:
    """One decoding: the text, its bytes, the hooks, and where the next
    unread quote is."""

    def __init__(self, decoder, s):
        self.s = s
        b = s.encode("utf-8")
        self.b = b
        self.n = len(b)
        self.ascii = len(b) == len(s)
        parts = b.split(b'"')
        self.parts = parts
        # qpos[k]: the index of the k-th quote (then one past the end).
        qpos = []
        pos = -1
        for p in parts:
            pos += len(p) + 1
            qpos.append(pos)
        self.qpos = qpos
        self.k = 0
        self.object_hook = decoder.object_hook
        self.object_pairs_hook = decoder.object_pairs_hook
        self.parse_float = decoder.parse_float
        self.parse_int = decoder.parse_int
        self.parse_constant = decoder.parse_constant
        self.strict = decoder.strict
        self.memo = {}
        self.deep = None

    def charpos(self, i):
        if self.ascii:
            return i
        if i > self.n:
            return len(self.s) + i - self.n
        return len(self.b[:i].decode("utf-8", "replace"))

    def error(self, msg, i):
        return JSONDecodeError(msg, self.s, self.charpos(i))

    def string(self, i):
        """The string whose opening quote is at b[i]; returns (str, end)."""
        qpos = self.qpos
        k = self.k
        while qpos[k] < i:
            k += 1
        # qpos[k] == i: the string runs to the next quote unless it holds
        # a backslash (which may escape that quote).
        piece = self.parts[k + 1] if k + 2 < len(self.parts) else None
        if piece is not None and 92 not in piece:
            text = piece.decode("utf-8")
            if (text.isprintable() or not self.strict
                    or len(piece.translate(None, _CONTROL)) == len(piece)):
                self.k = k + 2
                return text, qpos[k + 1] + 1
        text, end = self.slow_string(i + 1)
        while qpos[k] < end:
            k += 1
        self.k = k
        return text, end

    def slow_string(self, i):
        """Decodes escapes, byte by byte, from b[i] to the closing quote."""
        b = self.b
        n = self.n
        strict = self.strict
        begin = i - 1
        parts = []
        while True:
            j = i
            while j < n:
                c = b[j]
                if c == 34 or c == 92:
                    break
                if c < 32 and strict:
                    raise self.error("Invalid control character at", j)
                j += 1
            if j >= n:
                raise self.error("Unterminated string starting at", begin)
            if j > i:
                parts.append(b[i:j].decode("utf-8"))
            if c == 34:
                return "".join(parts), j + 1
            # A backslash at j.
            if j + 1 >= n:
                raise self.error("Unterminated string starting at", begin)
            c = b[j + 1]
            if c != 117:
                r = _SIMPLE_ESC.get(c)
                if r is None:
                    raise self.error("Invalid \\escape", j)
                parts.append(r)
                i = j + 2
                continue
            u = _hex4(b, j + 2)
            if u < 0:
                raise self.error("Invalid \\uXXXX escape", j + 1)
            i = j + 6
            if 0xD800 <= u <= 0xDBFF and b[i:i + 2] == b"\\u":
                u2 = _hex4(b, i + 2)
                if u2 < 0:
                    raise self.error("Invalid \\uXXXX escape", i + 1)
                if 0xDC00 <= u2 <= 0xDFFF:
                    u = 0x10000 + (((u - 0xD800) << 10) | (u2 - 0xDC00))
                    i += 6
            if 0xD800 <= u <= 0xDFFF:
                # A lone surrogate: Shoal's str cannot hold one.
                u = 0xFFFD
            parts.append(chr(u))

    def number(self, i):
        """The number starting at b[i] (a '-' or a digit), or None when
        there is none; returns (value, end)."""
        b = self.b
        n = self.n
        j = i
        if b[j] == 45:
            j += 1
            if j >= n or not 48 <= b[j] <= 57:
                return None
        if b[j] == 48:
            j += 1
        else:
            while j < n and 48 <= b[j] <= 57:
                j += 1
        is_float = False
        if j + 1 < n and b[j] == 46 and 48 <= b[j + 1] <= 57:
            is_float = True
            j += 2
            while j < n and 48 <= b[j] <= 57:
                j += 1
        if j < n and (b[j] == 101 or b[j] == 69):
            k = j + 1
            if k < n and (b[k] == 45 or b[k] == 43):
                k += 1
            if k < n and 48 <= b[k] <= 57:
                is_float = True
                j = k + 1
                while j < n and 48 <= b[j] <= 57:
                    j += 1
        text = b[i:j].decode()
        if is_float:
            return self.parse_float(text), j
        return self.parse_int(text), j

    def value(self, i):
        """The JSON value starting exactly at b[i]; returns (value, end)
        or raises JSONDecodeError("Expecting value") at i."""
        b = self.b
        c = b[i] if i < self.n else -1
        if c == 34:
            return self.string(i)
        if c == 123:
            return self.object(i + 1)
        if c == 91:
            return self.array(i + 1)
        if c == 110 and b[i:i + 4] == b"null":
            return None, i + 4
        if c == 116 and b[i:i + 4] == b"true":
            return True, i + 4
        if c == 102 and b[i:i + 5] == b"false":
            return False, i + 5
        if c == 78 and b[i:i + 3] == b"NaN":
            return self.parse_constant("NaN"), i + 3
        if c == 73 and b[i:i + 8] == b"Infinity":
            return self.parse_constant("Infinity"), i + 8
        if c == 45 and b[i:i + 9] == b"-Infinity":
            return self.parse_constant("-Infinity"), i + 9
        if 48 <= c <= 57 or c == 45:
            r = self.number(i)
            if r is not None:
                return r
        raise self.error("Expecting value", i)

    def array(self, i):
        """The array whose '[' is at b[i - 1]; returns (list, end)."""
        try:
            values = []
            append = values.append
            b = self.b
            n = self.n
            while i < n and b[i] in b" \t\n\r":
                i += 1
            if i < n and b[i] == 93:
                return values, i + 1
            while True:
                # A value, the common kinds first.
                c = b[i] if i < n else -1
                if c == 34:
                    v, i = self.string(i)
                elif c == 123:
                    v, i = self.object(i + 1)
                elif c == 91:
                    v, i = self.array(i + 1)
                else:
                    v, i = self.value(i)
                append(v)
                while i < n and b[i] in b" \t\n\r":
                    i += 1
                c = b[i] if i < n else -1
                if c == 44:
                    i += 1
                    while i < n and b[i] in b" \t\n\r":
                        i += 1
                elif c == 93:
                    return values, i + 1
                else:
                    raise self.error("Expecting ',' delimiter", i)
        except RecursionError:
            if self.deep is None:
                self.deep = "array"
            raise

    def object(self, i):
        """The object whose '{' is at b[i - 1]; returns (dict, end)."""
        try:
            pairs = []
            append = pairs.append
            memo = self.memo
            b = self.b
            n = self.n
            while i < n and b[i] in b" \t\n\r":
                i += 1
            c = b[i] if i < n else -1
            if c == 125:
                i += 1
            else:
                while True:
                    if c != 34:
                        raise self.error(
                            "Expecting property name enclosed in double quotes",
                            i)
                    key, i = self.string(i)
                    key = memo.setdefault(key, key)
                    if i >= n or b[i] != 58:
                        while i < n and b[i] in b" \t\n\r":
                            i += 1
                        if i >= n or b[i] != 58:
                            raise self.error("Expecting ':' delimiter", i)
                    i += 1
                    while i < n and b[i] in b" \t\n\r":
                        i += 1
                    c = b[i] if i < n else -1
                    if c == 34:
                        v, i = self.string(i)
                    elif c == 123:
                        v, i = self.object(i + 1)
                    elif c == 91:
                        v, i = self.array(i + 1)
                    else:
                        v, i = self.value(i)
                    append((key, v))
                    while i < n and b[i] in b" \t\n\r":
                        i += 1
                    c = b[i] if i < n else -1
                    if c == 44:
                        i += 1
                        while i < n and b[i] in b" \t\n\r":
                            i += 1
                        c = b[i] if i < n else -1
                    elif c == 125:
                        i += 1
                        break
                    else:
                        raise self.error("Expecting ',' delimiter", i)
            if self.object_pairs_hook is not None:
                return self.object_pairs_hook(pairs), i
            result = dict(pairs)
            if self.object_hook is not None:
                result = self.object_hook(result)
            return result, i
        except RecursionError:
            if self.deep is None:
                self.deep = "object"
            raise


def _constant(name):
    if name == "NaN":
        return float("nan")
    if name == "Infinity":
        return float("inf")
    return float("-inf")


class JSONDecoder:
    """Turns JSON text into Python values.

    object -> dict (or what object_hook / object_pairs_hook make of it),
    array -> list, string -> str, number -> int or float (or what
    parse_int / parse_float make of its text), true/false/null ->
    True/False/None, NaN/Infinity/-Infinity -> floats (or parse_constant).
    """

    __module__ = "json.decoder"

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        """The value of the JSON document s (whitespace around it is
        allowed, anything else after it is an error)."""
        sc = _Scanner(self, s)
        b = sc.b
        n = sc.n
        i = 0
        while i < n and b[i] in b" \t\n\r":
            i += 1
        obj, end = self._scan(sc, i)
        while end < n and b[end] in b" \t\n\r":
            end += 1
        if end != n:
            raise sc.error("Extra data", end)
        return obj

    def raw_decode(self, s, idx=0):
        """The JSON value starting at s[idx] and the index after it."""
        if idx < 0:
            raise ValueError("idx cannot be negative")
        sc = _Scanner(self, s)
        # idx counts characters; the scanner counts bytes.
        start = idx if sc.ascii else len(s[:idx].encode("utf-8"))
        if idx > len(s):
            start = sc.n + idx - len(s)
        obj, end = self._scan(sc, start)
        return obj, sc.charpos(end)

    def _scan(self, sc, i):
        try:
            return sc.value(i)
        except RecursionError:
            kind = "array" if sc.deep == "array" else "object"
            raise RecursionError("maximum recursion depth exceeded while "
                                 "decoding a JSON %s from a unicode string"
                                 % kind) from None


_default_decoder = JSONDecoder()


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    """The value of the JSON document s (a str, or UTF-8 bytes)."""
    if type(s) is str:
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)",
                                  s, 0)
    elif type(s) is bytes or type(s) is bytearray:
        s = bytes(s)
        if s.startswith(b"\xef\xbb\xbf"):
            s = s[3:]
        s = s.decode("utf-8")
    else:
        raise TypeError("the JSON object must be str, bytes or bytearray, not %s"
                        % type(s).__name__)
    if (cls is None and object_hook is None and parse_int is None
            and parse_float is None and parse_constant is None
            and object_pairs_hook is None and not kw):
        # The native decoder takes well-formed documents; the script
        # decoder anything else (and raises CPython's errors).
        fast = _decode(s)
        if fast is not None:
            return fast[0]
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw["object_hook"] = object_hook
    if object_pairs_hook is not None:
        kw["object_pairs_hook"] = object_pairs_hook
    if parse_float is not None:
        kw["parse_float"] = parse_float
    if parse_int is not None:
        kw["parse_int"] = parse_int
    if parse_constant is not None:
        kw["parse_constant"] = parse_constant
    return cls(**kw).decode(s)


def load(fp, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
         parse_constant=None, object_pairs_hook=None, **kw):
    """The value of the JSON document read from the file fp."""
    return loads(fp.read(), cls=cls, object_hook=object_hook,
                 parse_float=parse_float, parse_int=parse_int,
                 parse_constant=parse_constant,
                 object_pairs_hook=object_pairs_hook, **kw)
