# re: findall, finditer, sub, subn and split, templates and functions as
# replacements, empty matches.
import re

# findall: whole matches, one group, several groups.
print(re.findall(r"\d+", "a1 b22 c333"))
print(re.findall(r"(\w)=(\d)", "a=1, b=2, c=x"))
print(re.findall(r"(\w)=\d", "a=1, b=2"))
print(re.findall(r"(a)|(b)", "abc"))
print(re.findall(r"(a)?b", "b ab"))
print(re.findall(r"", "abc"))
print(re.findall(r"x*", "axxb"))
print(re.findall(r"\b", "hi there"))
print(re.findall(r"(?=(\w\w))", "abcd"))
print(re.findall(r"^\w+$", "one\ntwo\nthree", re.M))
print(re.compile(r"\w").findall("abcdef", 2, 4))
print(re.compile(r"\w").findall("abcdef", pos=4))
print(re.findall("é.", "éaébé"))

# finditer gives matches with positions.
for m in re.finditer(r"(?P<key>\w+)=(?P<value>[^;]*)", "a=1;bb=22;c="):
    print(m.span(), m.group("key"), repr(m["value"]), m.groupdict())
it = re.finditer("a", "banana")
print(next(it).start(), [m.start() for m in it])
print([m.span() for m in re.finditer(r"\b|x", "ax b")])
print([m.span() for m in re.compile("a*").finditer("baaac", 1, 4)])
print([m.pos for m in re.compile("a").finditer("aaa", 1)])

# sub with templates.
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world, good day"))
print(re.sub(r"(?P<first>\w+) (?P<last>\w+)", r"\g<last>, \g<first>", "Ada Lovelace"))
print(re.sub(r"(\w)", r"\g<1>\g<0>", "abc"))
print(re.sub(r"a", r"\n\t\\", "a"))
print(repr(re.sub(r"a", r"[\.\-\:]", "a")))
print(re.sub(r"(a)|b", r"<\1>", "ab"))
print(re.sub(r"x", r"\101\0\07", "x"))
print(re.sub(r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", r"\11\10\1", "abcdefghijk"))
print(re.sub(r"a", "b", "aaa", count=2), re.sub(r"a", "b", "aaa", 1))
print(re.sub(r"a", "b", "aaa", count=-1), re.sub(r"a", "b", "aaa", count=0))
print(re.subn(r"a", "b", "banana"), re.subn(r"z", "b", "banana"))
print(re.sub(r"\s+", " ", "  lots   of\n\tspace  ").strip())
print(re.sub(r"(?i)hello", "bye", "Hello HELLO hello"))
print(re.sub("a", "b", "xyz") == "xyz")
print(re.compile(r"\d").sub("#", "a1b2c3", 2))
print(re.compile(r"\d").subn("#", "a1b2c3"))
print(re.sub(r"é", "e", "café crème"))

# Empty matches, as CPython 3.7 and later find them.
print(re.sub("x*", "-", "abxd"))
print(re.sub("", "-", "abc"))
print(re.sub(r"\b", "|", "ab cd"))
print(re.sub("a|", "-", "aba"))
print(re.sub("(?=b)", "^", "abcb"))
print(re.subn("x*", "-", ""))
print(re.sub("^", ">", "a\nb", flags=re.M))
print(re.sub("$", "<", "a\nb\n", flags=re.M))
print(re.sub("$", "<", "a\nb\n"))

# Functions as replacements.
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 12 pears"))
print(re.sub(r"(\w+)@(\w+)", lambda m: m.group(2).upper() + "@" + m.group(1), "bob@home, al@work"))
print(re.subn(r"[aeiou]", lambda m: m.group().upper(), "education"))
print(re.sub(r"x", lambda m: None, "axbxc"))
print(re.sub(r"x*", lambda m: "[" + m.group() + "]", "axxb"))
calls = []


def record(m):
    calls.append((m.start(), m.group(), m.pos, m.endpos))
    return "#"


print(re.sub(r"\w", record, "ab c", count=2), calls)
counter = {"n": 0}


def number(m):
    counter["n"] += 1
    return "%s%d" % (m.group(1), counter["n"])


print(re.compile(r"(item)").sub(number, "item, item, item"))
print(re.sub(r"\d", lambda m: "<%s>" % m.group(), "no digits"))
try:
    re.sub("a", lambda m: 5, "bab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    re.sub("a", lambda m: 1 / 0, "a")
except ZeroDivisionError as e:
    print(type(e).__name__, e)


class Upper:
    def __call__(self, m):
        return m.group().upper()


print(re.sub(r"[a-c]", Upper(), "abcdef"))

# expand.
m = re.match(r"(?P<a>\w+) (?P<b>\w+)", "hello there")
print(m.expand(r"\2-\1"), m.expand(r"\g<b>:\g<a>:\g<0>"), m.expand("plain"))
m = re.match(r"(a)(b)?", "a")
print(repr(m.expand(r"[\2]")))

# split.
print(re.split(r",", "a,b,,c"))
print(re.split(r"(,)", "a,b,c"))
print(re.split(r"\s*[,;]\s*", "a , b;c ;d"))
print(re.split(r"(a)|b", "xaybz"))
print(re.split(r"\W+", "Words, words, words.", maxsplit=1))
print(re.split(r"\W+", "Words, words, words.", 2))
print(re.split(r"x", "axbxc", maxsplit=-1))
print(re.split(r"", "abc"))
print(re.split(r"x*", "axbc"))
print(re.split(r"\b", "hi there"))
print(re.split(r"(?m)^", "a\nb\nc"))
print(re.split(r"[a-z]", "1a2b3"), re.split(r"[a-z]", ""))
print(re.compile(r"-").split("1-2-3", 1))
print(re.split(r"é", "caféxéy"))

# A word counter and a tiny tokenizer, as scripts use them.
text = "The quick brown fox. The lazy dog! The end?"
counts = {}
for w in re.findall(r"[a-z']+", text.lower()):
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
spec = [
    ("NUMBER", r"\d+(?:\.\d*)?"),
    ("NAME", r"[A-Za-z_]\w*"),
    ("OP", r"[+\-*/=()]"),
    ("SKIP", r"[ \t]+"),
    ("ERROR", r"."),
]
tok = re.compile("|".join("(?P<%s>%s)" % pair for pair in spec))
for m in tok.finditer("x = 3.5 * (y + 42) $"):
    if m.lastgroup != "SKIP":
        print(m.lastgroup, repr(m.group()))
pos = 0
scanner = re.compile(r"\s*(\d+|[a-z]+|.)")
src = "abc 12 + de"
while pos < len(src):
    m = scanner.match(src, pos)
    if not m:
        break
    print(m.group(1), end=" ")
    pos = m.end()
print()
