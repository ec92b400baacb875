"""Wrapping and filling text, as CPython 3.11's `textwrap`.

Offers: wrap, fill, shorten, dedent, indent, and TextWrapper with width,
initial_indent, subsequent_indent, expand_tabs, tabsize,
replace_whitespace, fix_sentence_endings, break_long_words,
drop_whitespace, break_on_hyphens, max_lines and placeholder. Words are
split where CPython splits them (after the hyphens of hyphenated words,
around em-dashes written "--").

Left out: TextWrapper's regular-expression class attributes
(wordsep_re, wordsep_simple_re, sentence_end_re): Shoal has no `re`, so
a subclass cannot change how words are split by replacing them.
"""

__all__ = ["TextWrapper", "wrap", "fill", "dedent", "indent", "shorten"]

_WHITESPACE = "\t\n\x0b\x0c\r "
_WS_TO_SPACE = {ord(c): " " for c in _WHITESPACE}


def _is_word(c):
    # A character \w matches: a letter, a digit or the underscore.
    return c.isalnum() or c == "_"


def _is_letter(c):
    # [^\d\W]: a word character that is not a digit.
    return (c.isalnum() or c == "_") and not c.isdecimal()


def _is_word_punct(c):
    return c.isalnum() or c == "_" or c in "!\"'&.,?"


def _dashes_then_word(text, i, n):
    """True if text[i:] is two or more '-' followed by a word character."""
    j = i
    while j < n and text[j] == "-":
        j += 1
    return j - i >= 2 and j < n and _is_word(text[j])


def _split_words(text):
    """The chunks of text: runs of whitespace, em-dashes ('--' between
    words), and words, hyphenated words split after each hyphen."""
    chunks = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _WHITESPACE:
            j = i + 1
            while j < n and text[j] in _WHITESPACE:
                j += 1
        elif (c == "-" and i > 0 and _is_word_punct(text[i - 1])
              and _dashes_then_word(text, i, n)):
            j = i
            while text[j] == "-":
                j += 1
        else:
            # A word: it ends at the first place (after one character)
            # where whitespace or the end follows, after a hyphen between
            # letters, or before an em-dash.
            j = i + 1
            while j < n:
                d = text[j]
                if d in _WHITESPACE:
                    break
                if (d == "-" and j + 2 < n + 1 and _hyphen_breaks(text, j, n)):
                    j += 1
                    break
                if (d == "-" and _is_word_punct(text[j - 1])
                        and _dashes_then_word(text, j, n)):
                    break
                j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _hyphen_breaks(text, j, n):
    """True if the hyphen at text[j] splits a hyphenated word: two letters
    before it (or letter, hyphen, letter), and a letter, maybe a hyphen,
    and a letter after it."""
    before = (j >= 2 and _is_letter(text[j - 2]) and _is_letter(text[j - 1])) or (
        j >= 3 and _is_letter(text[j - 3]) and text[j - 2] == "-"
        and _is_letter(text[j - 1]))
    if not before:
        return False
    k = j + 1
    if k >= n or not _is_letter(text[k]):
        return False
    k += 1
    if k < n and text[k] == "-":
        k += 1
    return k < n and _is_letter(text[k])


def _ends_sentence(chunk):
    """A lowercase ASCII letter, then '.', '!' or '?', then maybe a quote."""
    if chunk and chunk[-1] in "\"'":
        chunk = chunk[:-1]
    return (len(chunk) >= 2 and chunk[-1] in ".!?"
            and "a" <= chunk[-2] <= "z")


class TextWrapper:
    """Wraps paragraphs to a width; the keyword arguments are kept as
    attributes of the same names and may be changed between calls."""

    def __init__(self, width=70, initial_indent="", subsequent_indent="",
                 expand_tabs=True, replace_whitespace=True,
                 fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8,
                 *, max_lines=None, placeholder=" [...]"):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            text = text.translate(_WS_TO_SPACE)
        return text

    def _split(self, text):
        if self.break_on_hyphens:
            return _split_words(text)
        # Runs of whitespace and runs of anything else.
        chunks = []
        n = len(text)
        i = 0
        while i < n:
            space = text[i] in _WHITESPACE
            j = i + 1
            while j < n and (text[j] in _WHITESPACE) == space:
                j += 1
            chunks.append(text[i:j])
            i = j
        return chunks

    def _fix_sentence_endings(self, chunks):
        for k in range(len(chunks) - 1):
            if chunks[k + 1] == " " and _ends_sentence(chunks[k]):
                chunks[k + 1] = "  "

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """Puts as much of a word too long for any line on the current
        line as fits (at least one character), or the whole word if
        break_long_words is off and the line is empty."""
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            chunk = reversed_chunks[-1]
            end = space_left
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind("-", 0, space_left)
                if hyphen > 0 and chunk[:hyphen].strip("-"):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % (self.width,))
        if self.max_lines is not None:
            first = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(first) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")
        lines = []
        chunks = chunks[::-1]
        drop = self.drop_whitespace
        while chunks:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            # Whitespace at the start of a line (but the first) goes.
            if drop and lines and chunks[-1].strip() == "":
                chunks.pop()
            line = []
            size = 0
            while chunks and size + len(chunks[-1]) <= width:
                size += len(chunks[-1])
                line.append(chunks.pop())
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, line, size, width)
                size = 0
                for piece in line:
                    size += len(piece)
            # So does whitespace at the end of a line.
            if drop and line and line[-1].strip() == "":
                size -= len(line[-1])
                line.pop()
            if not line:
                continue
            last = (not chunks or (drop and len(chunks) == 1
                                   and not chunks[0].strip()))
            if (self.max_lines is None or len(lines) + 1 < self.max_lines
                    or (last and size <= width)):
                lines.append(indent + "".join(line))
                continue
            # The last line allowed, with more text to come: end it with
            # the placeholder, dropping words to make room.
            while line:
                if line[-1].strip() and size + len(self.placeholder) <= width:
                    line.append(self.placeholder)
                    lines.append(indent + "".join(line))
                    return lines
                size -= len(line[-1])
                line.pop()
            if lines:
                prev = lines[-1].rstrip()
                if len(prev) + len(self.placeholder) <= self.width:
                    lines[-1] = prev + self.placeholder
                    return lines
            lines.append(indent + self.placeholder.lstrip())
            return lines
        return lines

    def wrap(self, text):
        """The lines (without newlines) of text wrapped to the width."""
        chunks = self._split(self._munge_whitespace(text))
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        """The text wrapped to the width, as one string."""
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    """The lines of text wrapped to width (see TextWrapper for the
    keyword arguments)."""
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    """The text wrapped to width, as one string."""
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    """The text's words, joined by single spaces, cut to fit width with
    a placeholder (" [...]" by default) at the end."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(" ".join(text.strip().split()))


def dedent(text):
    """The text with the indentation (spaces and tabs) common to all its
    non-blank lines removed; blank lines become empty."""
    lines = text.split("\n")
    margin = None
    for k in range(len(lines)):
        line = lines[k]
        body = line.lstrip(" \t")
        if not body:
            lines[k] = ""
            continue
        lead = line[:len(line) - len(body)]
        if margin is None:
            margin = lead
        elif lead.startswith(margin):
            pass
        elif margin.startswith(lead):
            margin = lead
        else:
            i = 0
            while i < len(margin) and i < len(lead) and margin[i] == lead[i]:
                i += 1
            margin = margin[:i]
    if margin:
        cut = len(margin)
        for k in range(len(lines)):
            if lines[k].startswith(margin):
                lines[k] = lines[k][cut:]
    return "\n".join(lines)


def indent(text, prefix, predicate=None):
    """The text with prefix put before each line for which predicate(line)
    is true (by default: the lines that are not only whitespace)."""
    out = []
    for line in text.splitlines(True):
        if (line.strip() if predicate is None else predicate(line)):
            out.append(prefix + line)
        else:
            out.append(line)
    return "".join(out)
