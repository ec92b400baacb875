# re: the pattern syntax, case by case, against the same subjects.
import re


def check(pattern, *subjects, flags=0):
    p = re.compile(pattern, flags)
    out = []
    for s in subjects:
        m = p.search(s)
        out.append(None if m is None else (m.span(), m.groups()))
    print(repr(pattern), out)


# Literals, escapes and the dot.
check(r"a.c", "abc", "a\nc", "ac")
check(r"a.c", "a\nc", flags=re.S)
check(r"a\.c", "a.c", "abc")
check(r"\t\n\r\f\v\a", "\t\n\r\f\v\a")
check(r"\x41\u00e9\U0001F600", "Aé\U0001F600")
check(r"\101\0\07", "A\x00\x07")
check(r"\1000", "x\x40" + "0")
check(r"[\101-\103]+", "ABCD")
check("a\\-b\\ c", "a-b c")
check(r"\\", "a\\b")
check(r"\%\&\~", "%&~")

# Character classes.
check(r"[abc]+", "xxbcay")
check(r"[^abc]+", "abxyzc")
check(r"[a-cx-z]+", "-bcyz-")
check(r"[]a]+", "]a]b")
check(r"[^]a]+", "]a]b")
check(r"[a-]+", "a-a-")
check(r"[-a]+", "-a")
check(r"[\]\[\-]+", "x[]-y")
check(r"[\d]+", "ab12")
check(r"[\D]+", "12ab")
check(r"[\w.]+", "--a.b_c--")
check(r"[\W]+", "ab-+cd")
check(r"[\s,]+", "a , b")
check(r"[^\s]+", "  ab  ")
check(r"[\S\d]+", " ab1 ")
check(r"[\b]", "a\bb")
check(r"[.*+?]+", "a.*+?b")
check(r"[\^a]+", "^a^")
check(r"[a^]+", "^a^")

# Categories are Unicode for str patterns, ASCII with re.ASCII.
check(r"\d+", "x١٢٣x", "x123")
check(r"\d+", "x١٢٣x", flags=re.A)
check(r"\w+", "éte_1", "²³½")
check(r"\w+", "éte_1", flags=re.A)
check(r"\s+", "a\x1c\x1f\u3000b", "a\u00a0b")
check(r"\s+", "a\u00a0b", flags=re.A)
check(r"\W+", "abc; déf")
check(r"\S+", " é x")
check(r"(?a)\w+", "xéy")
check(r"(?a:\w+)é", "xéy")

# Anchors.
check(r"^ab", "ab", "cab")
check(r"ab$", "ab", "ab\n", "ab\n\n", "ab\nc")
check(r"ab\Z", "ab", "ab\n")
check(r"\Aab", "ab", "xab")
check(r"^b", "a\nb")
check(r"^b", "a\nb", flags=re.M)
check(r"a$", "a\nb", flags=re.M)
check(r"$", "ab\n")
check(r"(?m)$", "a\nb")
check(r"\bfoo\b", "foo", "a foo.", "foobar")
check(r"\Bo", "foo", "o")
check(r"\bé", " é")
check(r"\b\w+\b", "  hello  ")
check(r"(?a)\bé", " é")

# Repeats.
check(r"ab*", "a", "abbb")
check(r"ab+", "a", "abbb")
check(r"ab?", "abbb")
check(r"a{2}", "aaa")
check(r"a{2,}", "aaaa")
check(r"a{,2}", "aaaa")
check(r"a{1,3}", "aaaa")
check(r"a{,}", "aaa")
check(r"a{}", "a{}")
check(r"a{x}", "a{x}")
check(r"a{1,2", "a{1,2")
check(r"x{0}", "x")
check(r"(x){0}y", "xy")
check(r"a*?b", "aaab")
check(r"a+?", "aaa")
check(r"a??", "a")
check(r"a{2,3}?", "aaaa")
check(r"<.*>", "<a><b>")
check(r"<.*?>", "<a><b>")
check(r"a++b", "aab")
check(r"a*+a", "aaa")
check(r"a?+a", "a")
check(r"a{1,2}+a", "aa", "aaa")
check(r"(?:ab)+", "ababa")
check(r"(ab)+", "ababa")
check(r"(a|b)*c", "abbac")
check(r"(?:a*)*b", "aab")
check(r"(?:)*", "x")
check(r"()*", "x")
check(r"(?=a)*a", "a")
check(r"(?!b)+a", "a")

# Groups.
check(r"(a)(b)(c)", "abc")
check(r"(?:a)(b)", "ab")
check(r"(?P<x>a)(?P<y>b)", "ab")
check(r"((a)(b))", "ab")
check(r"(a(b(c)))", "abc")
check(r"(a)|(b)", "b")
check(r"(?>a|ab)c", "abc", "ac")
check(r"(?>a+)a", "aaa")

# Backreferences.
check(r"(a+)b\1", "aabaa", "aaba")
check(r"(?P<q>['\"]).*?(?P=q)", "say 'hi' \"yo\"")
check(r"(\w)\1", "abccd")
check(r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\11", "abcdefghijkk")
check(r"(?i)(a)\1", "aA")
check(r"(a)?b\1", "b", "aba")

# Lookarounds.
check(r"foo(?=bar)", "foobaz foobar")
check(r"foo(?!bar)", "foobar foobaz")
check(r"(?<=\$)\d+", "cost: $42")
check(r"(?<!\$)\b\d+", "$42 and 17")
check(r"(?<=ab|cd)x", "cdx")
check(r"(?<=(a))b", "ab")
check(r"(?=(\w+))\w", "hello")
check(r"\w+(?=,)", "one, two")

# Conditionals.
check(r"(<)?\w+(?(1)>)", "<a>", "b", "<c")
check(r"(?P<q>\()?x(?(q)\)|y)", "(x)", "xy", "(xy")
check(r"(a)?(?(1)b|c)", "ab", "c", "ac")

# Alternation.
check(r"cat|dog", "hotdog")
check(r"a|ab|abc", "abc")
check(r"(a|ab)(c|bcd)(d*)", "abcd")
check(r"x(a|)y", "xy", "xay")
check(r"|a", "a")

# Flags: global, inline, scoped.
check(r"abc", "xAbC", flags=re.I)
check(r"(?i)abc", "xAbC")
check(r"a(?i:b)c", "aBc", "ABc")
check(r"(?i)a(?-i:b)c", "AbC", "ABC")
check(r"(?s).+", "a\nb")
check(r"(?s:.)+a", "\n\na")
check(r"(?m)^\w", "a\nb")
check(r"(?x) a b # comment", "ab")
check(r"(?x) [ ] ", "x y")
check(r"(?x) a \  b", "a b")
check(r"(?x) a\#b", "a#b")
check(r"(?x: a b )c d", "abc d")
check("(?x)a\n  # comment line\n  b", "ab")
check(r"a b", "a b", flags=re.X)
check(r"a(?#a comment)b", "ab")
check(r"a(?#x)*", "aaa")
check(r"(?i)straße", "STRASSE", "strasse", "STRAßE")
check(r"(?i)[a-c]+", "xABCx")
check(r"(?i)[^a]", "A")
check(r"ǅ", "ǆ", flags=re.I)
check(r"k", "K", flags=re.I)
check(r"\u212a", "k", flags=re.I)
check(r"(?i)é", "É")

# Verbose patterns as people write them.
phone = re.compile(
    r"""
    \(?(\d{3})\)?   # area code
    [\s.-]?         # separator
    (\d{3})         # exchange
    [\s.-]?
    (\d{4})         # number
    """,
    re.VERBOSE,
)
for s in ["(555) 123-4567", "555.123.4567", "5551234567", "55-123"]:
    m = phone.search(s)
    print(s, m and m.groups())

# Surrogate escapes match nothing in a str (a str holds no surrogates).
check(r"a\ud800?b", "ab")
check(r"[\ud800-\udfffx]", "x")

# Unicode subjects and patterns.
check(r"[à-ÿ]+", "voilà ça")
check(r"\w+", "Ελληνικά κείμενα")
check(r".", "😀")
check(r"😀+", "a😀😀b")
check(r"[😀-😂]+", "😁😂")

# Word boundaries use Python's word characters (str.isalnum() and _):
# combining marks, joiners and other numbers are classed as CPython does.
check(r"\b\w+\b", "e\u0301te la\u0301", "नमस्ते दुनिया", "x²y ½", "a\u200db")
check(r"\B.", "e\u0301", "é", "²a")
check(r"\b", "\u0301", "①")
check(r"(?a)\b\w+", "naïve", "x²")
check(r"(?a)\B.", "ab", "aé")
print(re.findall(r"\b\w+\b", "e\u0301te la\u0301 नमस्ते x²y"))
print(re.sub(r"\b", "|", "ÿ\u0308 ok"))

# Nested repeats of lazy groups (fancy-regex's optimizer loses these).
check(r"(?:(b+?)*)", "bbb")
check(r"(?>(b+?)*)c", "bbbc")
check(r"([^a]+?)*+\w?", "éé1")
