# re: search, match and fullmatch, and what Match and Pattern objects tell.
import re


def show(m):
    if m is None:
        print("no match")
        return
    print(repr(m), m.group(), m.span(), m.groups(), m.lastindex, m.lastgroup)


# A log line parsed into named fields.
line = "2024-03-07 12:45:01 WARN disk /dev/sda1 at 91%"
log = re.compile(
    r"(?P<date>\d{4}-\d\d-\d\d) (?P<time>[\d:]+) (?P<level>[A-Z]+) (?P<msg>.*)"
)
m = log.match(line)
show(m)
print(m.groupdict())
print(m["level"], m[4], m.group("date", "time"))
print(m.start("msg"), m.end("msg"), m.span("time"))
print(m.re is log, m.string is line, m.pos, m.endpos)
print(m.regs)
print(log.groups, log.groupindex, log.pattern == log.pattern, log.flags)

# search scans; match is anchored at pos; fullmatch must cover to endpos.
p = re.compile(r"\d+")
show(p.search("abc 123 def 45"))
show(p.match("abc 123"))
show(p.match("123abc"))
show(p.fullmatch("123abc"))
show(p.fullmatch("123"))
show(p.search("abc 123 def 45", 5))
show(p.search("abc 123 def 45", 5, 7))
show(p.match("abc 123", 4))
show(p.fullmatch("abc 123 x", 4, 7))
show(p.search("abc 123", pos=-10, endpos=100))
show(p.search("abc 123", 20))
show(p.search("abc 123", 6, 2))
m = p.search("xx 99 yy", 1, 6)
print(m.pos, m.endpos)

# fullmatch backtracks into alternatives to reach the end.
show(re.fullmatch("a|ab", "ab"))
show(re.fullmatch("(a+?)(b*)", "aab"))
show(re.match("a|ab", "ab"))

# ^ does not match at pos unless it is the start (or after a newline
# with MULTILINE).
show(re.compile("^b").search("ab", 1))
show(re.compile("^b", re.M).search("a\nb", 2))
show(re.compile(r"\bb").search("ab", 1))

# Optional groups that did not take part.
m = re.match(r"(a)(b)?(c)?", "ac")
show(m)
print(m.group(2), m.start(2), m.end(2), m.span(2))
print(m.groups("-"), m.groupdict("-"))
m = re.match(r"(?P<x>a)(?P<y>b)?", "a")
print(m.groupdict(), m.groupdict(default=0), m.groups(default=0))

# lastindex and lastgroup.
for pat, s in [
    (r"(a)b", "ab"),
    (r"((a)b)", "ab"),
    (r"(a)(b)", "ab"),
    (r"(?P<outer>(?P<inner>a)b)", "ab"),
    (r"(a)|(b)", "b"),
    (r"(?:(a)|(b))+", "ab"),
    (r"(?:(a)|(b))+", "ba"),
    (r"ab", "ab"),
    (r"(a)()", "a"),
]:
    m = re.match(pat, s)
    print(pat, m.lastindex, m.lastgroup)

# Reprs, with long matches cut as CPython cuts them.
print(re.match("a" * 80, "a" * 80))
print(re.match(".", "'"), re.match(".", '"'), re.match(".+", "it's \"x\""))
print(re.search("é+", "caféé!"))
print(re.compile("x" * 250))
print(re.compile("a'b"), re.compile(r"\d+\s"))
print(re.compile("a", re.I | re.M | re.S | re.X))
print(re.compile("(?i)a"), re.compile("(?ms)a"), re.compile("a", re.A))
print(re.compile("a", re.U), re.compile("a", 0))
print(repr(re.compile(r"\n")))

# The type names.
print(type(re.compile("a")), type(re.match("a", "a")))
print(re.Pattern.__name__, re.Match.__name__)
print(isinstance(re.compile("a"), re.Pattern), isinstance(re.match("a", "a"), re.Match))
print(isinstance("a", re.Pattern))
try:
    re.Pattern()
except TypeError as e:
    print(type(e).__name__, e)

# Compiled patterns are cached and reused by the module's functions.
print(re.compile("cache me") is re.compile("cache me"))
print(re.compile("cache me", re.I) is re.compile("cache me"))
print(re.compile(re.compile("b")) is re.compile("b"))
re.purge()
pat = re.compile("q+")
print(re.search(pat, "aqqq"), re.match(pat, "qq"))

# Positions are characters, not bytes.
text = "naïve café — déjà vu"
for m in re.finditer(r"\w+", text):
    print(m.group(), m.span(), text[m.start():m.end()] == m.group())
m = re.compile("(é)(.)").search(text, 3)
print(m.span(), m.span(1), m.span(2), m.pos)
print(re.compile("vu").search(text, 18).start())
print(re.compile("ï").match(text, 2))

# Group access errors.
m = re.match(r"(a)(?P<n>b)", "ab")
for g in [3, -1, "zz", 1.5, None, "n", 2, 0]:
    try:
        print(g, m.group(g))
    except IndexError as e:
        print(g, type(e).__name__, e)
for g in [5, "q"]:
    for f in (m.start, m.end, m.span):
        try:
            f(g)
        except IndexError as e:
            print(type(e).__name__, e)
try:
    m[7]
except IndexError as e:
    print(type(e).__name__, e)
print(m.group(1, "n", 0))

# A match is true; a failed search is None.
if re.search("x", "axb"):
    print("found")
print(bool(re.match("", "")), re.match("b", "a"))

# Methods taken from the types.
print(re.Pattern.search(re.compile("o"), "foo").span())
print(re.Match.group(re.match("(f)", "foo"), 1))

# The flags are RegexFlag ints.
print(re.I, repr(re.I), re.I | re.M, re.I | 8, 8 | re.I, re.I & re.M, ~re.I, re.I ^ re.I, re.NOFLAG)
print(re.I.name, re.I.value, int(re.I), re.I == 2, re.A, re.U, re.X, re.L, re.T, re.DEBUG)
print(re.I + 1, str(re.I | re.S), repr(re.RegexFlag(0)), repr(re.RegexFlag(4096)), re.RegexFlag(4098))
print((re.I | re.M).name, re.RegexFlag(4096).name, re.NOFLAG.name)
print(re.I | True, bool(re.NOFLAG), bool(re.I), re.I is re.IGNORECASE, isinstance(re.I, int))
print({re.I: "i"}[2], sorted([re.M, re.I, re.S]), max(re.I, re.X), hash(re.I) == hash(2))
print([re.compile("a", f).flags for f in (re.I, re.I | re.M, re.X, re.A, re.S | re.I)])
print(re.findall("a.", "A\nab", re.I | re.S), re.split("x", "aXb", 0, re.I), re.sub("x", "-", "XxX", flags=re.I))
print(type(re.compile("a", re.I).flags), re.compile("a", re.I | re.M))
