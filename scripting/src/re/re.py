"""Regular expressions, as CPython's `re` module has them, for str and
bytes patterns: compile, search, match, fullmatch, findall, finditer,
split, sub, subn (templates and functions), escape, purge, the flags,
`error`, and the `Pattern` and `Match` types (natives of the VM; this is
the module's script part: `error` and `sub` calling a function).

Left out: `re.DEBUG`'s dump, `re.template`, `Pattern.scanner`,
`\\N{...}` escapes. Case-insensitive matching folds case as Unicode does
(with `re.ASCII` too); a group repeated by `*` or `+` whose last round
matched nothing keeps what the round before it matched. A search that
backtracks past 20,000,000 steps raises RuntimeError rather than run on;
patterns nested over 60 groups deep, longer than 200,000 characters or
compiling past 10 MiB are refused."""


# The flags, in the order CPython's RegexFlag defines them.
_FLAGS = (("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
          ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1),
          ("DEBUG", 128))
_ALL_FLAGS = 511


class RegexFlag(int):
    """A flag or a set of flags: an int that prints as the flags' names
    (`re.IGNORECASE|re.MULTILINE`) and combines with `|`, `&`, `^`
    and `~` into another RegexFlag."""

    @property
    def value(self):
        return int(self)

    @property
    def name(self):
        value = int(self)
        if value == 0:
            return "NOFLAG"
        names = [name for name, bit in _FLAGS if value & bit]
        if not names:
            return None
        return "|".join(names)

    def __repr__(self):
        value = int(self)
        if value == 0:
            return "re.NOFLAG"
        names = ["re." + name for name, bit in _FLAGS if value & bit]
        rest = value & ~_ALL_FLAGS
        if rest:
            if not names:
                return "re.RegexFlag(%d)" % value
            names.append(hex(rest))
        return "|".join(names)

    __str__ = __repr__

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(_ALL_FLAGS & ~int(self))


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)
T = TEMPLATE = RegexFlag(1)
DEBUG = RegexFlag(128)


class error(Exception):
    """A pattern or template that is not a regular expression: `msg`,
    with the `pattern` and the position `pos` where it went wrong, and
    the `lineno` and `colno` of that position."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = None
        self.colno = None
        if pattern is not None and pos is not None:
            newline = '\n' if isinstance(pattern, str) else b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            msg = '%s at position %d' % (msg, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        super().__init__(msg)


def _subx(repl, matches, between, empty, with_count):
    # `sub` with a function as the replacement: the natives found the
    # matches and the text between them; the function runs here.
    parts = []
    for i in range(len(matches)):
        if between[i]:
            parts.append(between[i])
        item = repl(matches[i])
        if item is not None:
            parts.append(item)
    if between[-1]:
        parts.append(between[-1])
    result = empty.join(parts)
    if with_count:
        return result, len(matches)
    return result
