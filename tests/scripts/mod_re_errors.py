# re: the errors of bad patterns, templates and arguments, with CPython's
# messages and positions.
import re

bad_patterns = [
    "*a", "a**", "a{2,1}", "(a", "a)", "[a", "[z-a]", r"\q", "(?<x>a)",
    "(?P<1a>x)", "(?P<a>x)(?P<a>y)", "(?P=b)", r"\2(a)", r"(a)\2", "(?",
    "(?P", "(?Px", "(?P<", "(?P<a", "(?P=", "(?P=a", "(?i", "(?z)",
    "a(?i)b", "(?-i)", "(?i-i:a)", "(?a-u:a)", "(?au)", "(?L)",
    "(?u-a:x)", "(?#abc", "(?(1)a|b)", "(?(x)a|b)", "(a)(?(1)a|b|c)",
    "(?(", "(?(1", r"\x4", r"\u12", r"\U0011ffff", r"\777", r"[\8]", r"\8",
    r"[\w-z]", r"[a-\w]", "(?>", "^*", r"\b+", "a|*", "(*)", "[]", "[^]",
    "\\", "a{1}{2}", "(?P<a-b>x)", r"[\B]", r"[\A]", r"[\d-a]",
    "(?(-1)a)", "(?(0)a)", "(?(2)a)(b)", r"(a)\1(?P<b>\2)", "(?i)(?-z:a)",
    "(?i:", "(?x:a", "(a)(?P=1)", "a{99999999999}", "(?<=a+)b",
    "(?<=a|bc)d", "(?<!x*)y", "[a-\\", "x(?<", "(?P<a>(?P=a))",
    "(a(?(1)b))", r"(?P<n>a)\g<n>", "(?-)", "(?i-:a)", "(?iz)",
    "(?-z:a)", "(?P>x)", "(?'a')", "a\n)", "a\nb\n(c",
]
for p in bad_patterns:
    try:
        r = re.compile(p)
        print(repr(p), "compiles:", r.groups)
    except re.error as e:
        print(repr(p), "error:", e)
        print("   ", repr(e.msg), e.pos, e.lineno, e.colno, e.pattern == p)
    except (OverflowError, ValueError) as e:
        print(repr(p), type(e).__name__, e)

# error is an Exception with the pattern and the position.
try:
    re.compile("ab(cd")
except Exception as e:
    print(isinstance(e, re.error), isinstance(e, Exception), type(e).__name__)
    print(e.args, str(e))
e = re.error("made by hand")
print(e, e.msg, e.pattern, e.pos, e.lineno, e.colno)
e = re.error("bad", "ab\ncd", 4)
print(e, e.lineno, e.colno)
e = re.error("bad", b"abcd", 2)
print(e, e.lineno, e.colno)
try:
    raise re.error("mine")
except re.error as e:
    print("caught", e)

# Flags that do not go together.
for pattern, flags in [("a", re.L), ("a", re.A | re.U), (b"a", re.U), (b"a", re.A | re.L),
                       (b"(?u)a", 0), ("(?L)a", 0), ("(?a)(?u)a", 0)]:
    try:
        re.compile(pattern, flags)
        print("compiles")
    except (re.error, ValueError) as e:
        print(type(e).__name__, e)

# Bad templates.
for pattern, template in [("a", r"\g<x>"), ("a", r"\5"), ("(a)", r"\g<-1>"), ("a", r"\q"),
                          ("a", r"\g<1"), ("a", r"\g"), ("a", r"\g<>"), ("a", r"\g<a b>"),
                          ("(a)", r"\g<2>"), ("(a)", r"\777"), ("a", "x\\"), ("(a)", r"\g<1>\g<01>"),
                          ("(?P<n>a)", r"\g<n>\g<0>"), ("a", "\\\n\\q")]:
    try:
        print(repr(re.sub(pattern, template, "xay")))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.match("(a)", "a").expand(r"\3")
except re.error as e:
    print(type(e).__name__, e)

# Bad arguments.
p = re.compile("a")
m = p.match("a")


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


attempt(lambda: p.search())
attempt(lambda: p.search("a", 1, 2, 3))
attempt(lambda: p.search("a", x=1))
attempt(lambda: p.search("a", string="b"))
attempt(lambda: p.search(5))
attempt(lambda: p.search("a", "b"))
attempt(lambda: p.search("a", 1.5))
attempt(lambda: p.search("a", None))
attempt(lambda: p.split("a", "b"))
attempt(lambda: p.sub("a"))
attempt(lambda: p.findall())
attempt(lambda: p.match(["a"]))
attempt(lambda: re.search("a"))
attempt(lambda: re.search("a", "b", 0, 1))
attempt(lambda: re.search("a", "b", x=1))
attempt(lambda: re.search("a", "b", flags="x"))
attempt(lambda: re.search("a", "b", pattern="c"))
attempt(lambda: re.sub("a", "b"))
attempt(lambda: re.split())
attempt(lambda: re.compile(5))
attempt(lambda: re.compile(None))
attempt(lambda: re.compile(p, re.I))
attempt(lambda: re.compile("a", 1.5))
attempt(lambda: re.search(b"a", "a"))
attempt(lambda: re.search("a", b"a"))
attempt(lambda: re.findall("a", 5))
attempt(lambda: re.sub("a", 5, "a"))
attempt(lambda: re.sub("a", b"x", "a"))
attempt(lambda: re.sub(b"a", "x", b"a"))
attempt(lambda: re.escape(5))
attempt(lambda: re.purge(1))
attempt(lambda: re.split("a", "b", "c"))
attempt(lambda: re.sub("a", "b", "aa", "x"))
attempt(lambda: m.group(5))
attempt(lambda: m.groups(1, 2))
attempt(lambda: m.expand())
attempt(lambda: m.start(3))
attempt(lambda: m.span(True))
attempt(lambda: m.group(None))
attempt(lambda: m.group(x=1))
attempt(lambda: m.groupdict(1, 2))
attempt(lambda: len(m))
attempt(lambda: p + p)
attempt(lambda: p.nosuch)
attempt(lambda: m.nosuch)
attempt(lambda: re.nosuch)
attempt(lambda: re.search("a", "a", re.I).group())
attempt(lambda: re.compile("(a)").fullmatch("a", endpos=-3))

# A template of the other type is parsed, and fails only when joined.
for args in [("a", b"x", "zzz"), ("a", b"x", "za"), ("a", b"x", "a"), ("a", b"\\1", "a"),
             (b"a", "x", b"zaza"), ("a", bytearray(b"x"), "ba"), ("a", b"", "ba"),
             ("(a)", b"\\q", "a")]:
    try:
        print(repr(re.sub(*args)))
    except (TypeError, re.error) as e:
        print(type(e).__name__, e)

# What compile refuses, in CPython's order.
for args in [(5, "x"), (None, 1.5), ("a", "x"), (bytearray(b"a"),), (["a"],), ("a", [1]),
             (5, [1]), ({"a": 1},)]:
    try:
        re.compile(*args)
    except TypeError as e:
        print(type(e).__name__, e)
