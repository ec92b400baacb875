# re: recipes as scripts use them.
import re


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


for name in ["CamelCase", "getHTTPResponse", "already_snake", "X"]:
    print(name, snake(name))

words = re.compile(r"(?:(?<=[a-z])(?=[A-Z])|[_\s-]+)")
print(words.split("parse_HTTP-request body"), words.split("lowerUpper"))

email = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
for addr in ["a.b+c@example.co.uk", "bad@", "x@y", "ünï@cödé.de", "no spaces@x.org"]:
    print(addr, bool(email.match(addr)))

prices = "Coffee $3.50, bagel $2, juice $4.25 and tip 1.5"
print(re.findall(r"\$\d+(?:\.\d\d)?", prices))
print(sum(float(x) for x in re.findall(r"\$(\d+(?:\.\d\d)?)", prices)))

config = """
# comment
name = shoal
  version=1.2
empty =
bad line
path = /usr/local/bin  # trailing
"""
setting = re.compile(r"^\s*(\w+)\s*=\s*(.*?)\s*(?:#.*)?$")
for line in config.splitlines():
    if re.match(r"^\s*(#|$)", line):
        continue
    m = setting.match(line)
    print(repr(line), m.groups() if m else "skipped")

date = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
print(date.sub(r"\g<d>/\g<m>/\g<y>", "from 2024-1-5 to 2024-12-31"))
print([m.groupdict() for m in date.finditer("2020-02-29 and 1999-12-31")])

html = '<a href="one.html">One</a> <A HREF=\'two.html\'>Two</A>'
print(re.findall(r"""<a\s+href=(["'])(.*?)\1>(.*?)</a>""", html, re.I))
print(re.sub(r"<[^>]+>", "", html))

log = """\
INFO 10:00 started
WARN 10:05 disk 91%
ERROR 10:07 disk full
INFO 10:09 cleaned
"""
levels = {}
for level, time, msg in re.findall(r"^(\w+) (\d\d:\d\d) (.*)$", log, re.M):
    levels.setdefault(level, []).append(time)
print(levels)
print(re.findall(r"^ERROR.*$", log, re.M), re.search(r"disk (\d+)%", log).group(1))

text = "The the quick brown fox fox jumps over the the lazy dog"
print(re.sub(r"\b(\w+)( \1\b)+", r"\1", text, flags=re.I))
print(re.findall(r"\b(\w+) \1\b", text, re.I))

print(re.split(r"\s*[;,]\s*|\s+and\s+", "apples, pears ;plums and figs"))
print(re.sub(r"\s+", " ", "  too   many\tspaces\n here ").strip())
print(re.sub(r"(\d)(?=(\d{3})+(?!\d))", r"\1,", "1234567 and 89 and 1000"))
print(re.fullmatch(r"[0-9a-fA-F]{6}", "1a2B3c") is not None, re.fullmatch(r"\d+", "12a"))
print(re.escape("1+1=2? (yes) [maybe] {x} ^$ |\\."))
wanted = ["a.b", "c+d", "(e)"]
alt = re.compile("|".join(map(re.escape, wanted)))
print(alt.findall("xx a.b c+d (e) aXb cd e"))
print(re.sub(r"[aeiou]", lambda m: m.group().upper(), "substitute vowels"))
counts = {}
for word in re.findall(r"\w+", "to be or not to be".lower()):
    counts[word] = counts.get(word, 0) + 1
print(counts)
ident = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
print([bool(ident.fullmatch(s)) for s in ["x", "_1", "1x", "a-b", ""]])
print(re.match(r"(\d+)\s*([+*/-])\s*(\d+)", "12 * 34").groups())
version = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?(?:-(\w+))?")
for v in ["v1.2", "1.2.3", "2.0.1-beta", "x1.0"]:
    m = version.match(v)
    print(v, m and m.groups(), m and m.lastindex)
