"""Text constants and helpers, as CPython 3.11's `string` module.

Offers: the constants (ascii_letters, ascii_lowercase, ascii_uppercase,
digits, hexdigits, octdigits, punctuation, printable, whitespace),
capwords, Template ($name, ${name}, $$; substitute, safe_substitute,
get_identifiers, is_valid; a subclass may change `delimiter`), and
Formatter (format, vformat, parse, get_field, get_value, format_field,
convert_field, check_unused_args, all overridable).

Left out: a Template subclass's own `idpattern`, `braceidpattern`,
`flags` or `pattern` (they are regular expressions, and Shoal has no
`re`): identifiers are always ASCII letters, digits and underscores, not
starting with a digit.
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Splits s at sep (runs of whitespace by default), capitalizes each
    word and joins them with sep (a space by default)."""
    return (sep or " ").join([w.capitalize() for w in s.split(sep)])


_ID_START = "_" + ascii_letters
_ID_REST = _ID_START + digits


class Template:
    """A string with $-placeholders: $name, ${name}, and $$ for a $."""

    delimiter = "$"

    def __init__(self, template):
        self.template = template

    def _scan(self):
        """Yields (kind, start, end, name) for each placeholder: kind is
        'escaped', 'named', 'braced' or 'invalid'."""
        t = self.template
        delim = self.delimiter
        dl = len(delim)
        n = len(t)
        i = t.find(delim)
        while i >= 0:
            j = i + dl
            if t.startswith(delim, j):
                yield "escaped", i, j + dl, None
                i = t.find(delim, j + dl)
                continue
            if j < n and t[j] in _ID_START:
                k = j + 1
                while k < n and t[k] in _ID_REST:
                    k += 1
                yield "named", i, k, t[j:k]
                i = t.find(delim, k)
                continue
            if j < n and t[j] == "{" and j + 1 < n and t[j + 1] in _ID_START:
                k = j + 2
                while k < n and t[k] in _ID_REST:
                    k += 1
                if k < n and t[k] == "}":
                    yield "braced", i, k + 1, t[j + 1:k]
                    i = t.find(delim, k + 1)
                    continue
            yield "invalid", i, j, None
            i = t.find(delim, j)

    def _invalid(self, i):
        # i: where the placeholder's name should have started.
        lines = self.template[:i].splitlines(True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len("".join(lines[:-1]))
            lineno = len(lines)
        raise ValueError("Invalid placeholder in string: line %d, col %d"
                         % (lineno, colno))

    def substitute(self, mapping=None, /, **kws):
        """The template with each placeholder replaced by its value;
        KeyError for a name without one, ValueError for a bad placeholder."""
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _Chain(kws, mapping)
        out = []
        pos = 0
        t = self.template
        for kind, start, end, name in self._scan():
            out.append(t[pos:start])
            pos = end
            if kind == "named" or kind == "braced":
                out.append("%s" % (mapping[name],))
            elif kind == "escaped":
                out.append(self.delimiter)
            else:
                self._invalid(end)
        out.append(t[pos:])
        return "".join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        """Like substitute, but placeholders without a value, and bad
        ones, are left as they are."""
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _Chain(kws, mapping)
        out = []
        pos = 0
        t = self.template
        for kind, start, end, name in self._scan():
            out.append(t[pos:start])
            pos = end
            if kind == "named" or kind == "braced":
                try:
                    out.append("%s" % (mapping[name],))
                except KeyError:
                    out.append(t[start:end])
            elif kind == "escaped":
                out.append(self.delimiter)
            else:
                out.append(t[start:end])
        out.append(t[pos:])
        return "".join(out)

    def is_valid(self):
        """False when the template holds a bad placeholder."""
        for kind, start, end, name in self._scan():
            if kind == "invalid":
                return False
        return True

    def get_identifiers(self):
        """The placeholder names, once each, in order of appearance."""
        ids = []
        for kind, start, end, name in self._scan():
            if kind == "named" or kind == "braced":
                if name not in ids:
                    ids.append(name)
        return ids


class _Chain:
    """Keyword arguments first, then the mapping."""

    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        if key in self.first:
            return self.first[key]
        return self.second[key]


# -- Formatter ---------------------------------------------------------

def _parse_format(s):
    """Yields (literal_text, field_name, format_spec, conversion) as
    str.format reads s; the last three are None after the final text."""
    n = len(s)
    i = 0
    literal = []
    while i < n:
        c = s[i]
        if c == "{":
            if i + 1 < n and s[i + 1] == "{":
                # An escaped brace ends a piece of literal text.
                literal.append("{")
                yield "".join(literal), None, None, None
                literal = []
                i += 2
                continue
            if i + 1 >= n:
                raise ValueError("Single '{' encountered in format string")
            # A replacement field: its name (where brackets hide braces),
            # then maybe '!' and a conversion, then maybe ':' and a spec
            # that may hold nested fields, up to the matching brace.
            j = i + 1
            name_end = -1
            conv_at = -1
            depth = 1
            while j < n:
                ch = s[j]
                if name_end < 0:
                    if ch == "[":
                        j = s.find("]", j)
                        if j < 0:
                            j = n
                            break
                    elif ch == "!":
                        name_end = j
                        if j + 1 >= n:
                            raise ValueError("end of string while looking "
                                             "for conversion specifier")
                        conv_at = j + 1
                        j += 2
                        if j < n and s[j] != ":" and s[j] != "}":
                            raise ValueError("expected ':' after conversion "
                                             "specifier")
                        continue
                    elif ch == ":":
                        name_end = j
                    elif ch == "{":
                        depth += 1
                    elif ch == "}":
                        depth -= 1
                        if depth == 0:
                            name_end = j
                            break
                elif ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                if name_end < 0:
                    raise ValueError("expected '}' before end of string")
                raise ValueError("unmatched '{' in format spec")
            name = s[i + 1:name_end]
            conversion = None
            spec = ""
            k = name_end
            if conv_at >= 0:
                conversion = s[conv_at]
                k = conv_at + 1
            if s[k] == ":":
                spec = s[k + 1:j]
            yield "".join(literal), name, spec, conversion
            literal = []
            i = j + 1
        elif c == "}":
            if i + 1 < n and s[i + 1] == "}":
                literal.append("}")
                yield "".join(literal), None, None, None
                literal = []
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            j = i
            while j < n and s[j] != "{" and s[j] != "}":
                j += 1
            literal.append(s[i:j])
            i = j
    if literal:
        yield "".join(literal), None, None, None


def _split_field_name(name):
    """'a.b[0]' -> ('a', [(True, 'b'), (False, 0)])."""
    n = len(name)
    i = 0
    while i < n and name[i] != "." and name[i] != "[":
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < n:
        if name[i] == ".":
            j = i + 1
            while j < n and name[j] != "." and name[j] != "[":
                j += 1
            attr = name[i + 1:j]
            if not attr:
                raise ValueError("Empty attribute in format string")
            rest.append((True, attr))
            i = j
        elif name[i] == "[":
            j = name.find("]", i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1:j]
            if not key:
                raise ValueError("Empty attribute in format string")
            if key.isdigit():
                key = int(key)
            rest.append((False, key))
            i = j + 1
            if i < n and name[i] != "." and name[i] != "[":
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, rest


class Formatter:
    """str.format as a class whose steps can be overridden."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            if field_name == "":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field "
                                     "specification to automatic field "
                                     "numbering")
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError("cannot switch from manual field "
                                     "specification to automatic field "
                                     "numbering")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return "".join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if type(key) is int:
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError("Unknown conversion specifier %s" % (conversion,))

    def parse(self, format_string):
        """(literal_text, field_name, format_spec, conversion) tuples."""
        return list(_parse_format(format_string))

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first
