# re: bytes patterns over bytes and bytearray subjects.
import re

data = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nX-Num: 42\r\n\r\n"
request = re.match(rb"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/(\d)\.(\d)\r\n", data)
print(request, request.groups(), request.groupdict(), request.span("path"))
headers = dict(re.findall(rb"^([\w-]+): (.*?)\r$", data, re.M))
print(sorted(headers.items()))
print(re.sub(rb"\r\n", b"|", data))
print(re.split(rb"\r\n", data))
print(re.subn(rb"\d+", lambda m: b"<" + m.group() + b">", data))

# Bytes are matched byte by byte: every value is one position.
raw = bytes(range(0x7c, 0x84)) + b"\xff\xfe"
print(re.findall(rb"[\x80-\xff]", raw))
print(re.search(rb"\xff\xfe", raw).span())
print(re.findall(rb".", b"a\nb\xe9"), re.findall(rb"(?s).", b"a\n"))
print(re.findall(rb"\w+", b"caf\xe9 ok_1"))
print(re.findall(rb"\d", b"1\xd9\xa12"))
print(re.findall(rb"\s+", b"a \t\n\r\x0b\x0cb\x1cc\x85d\xa0"))
print(re.findall(rb"\bx\b", b"x \xe9x"))
print(re.findall(rb"(?i)caf\xc9", b"CAF\xc9 caf\xe9 caf\xc9"))
print(re.findall(rb"[^a]", b"ab\x00\xff"))
print(re.match(rb"\x00+", b"\x00\x00a"))

# bytearray subjects give bytes results.
buf = bytearray(b"one two three")
m = re.search(rb"t(\w+)", buf)
print(m, m.group(1), m.string, re.findall(rb"\w+", buf))
print(re.sub(rb"o", b"0", buf), re.split(rb" ", buf))

# Templates, escape, flags and reprs.
print(re.sub(rb"(\w+)@(\w+)", rb"\2 at \1", b"me@host"))
print(re.sub(rb"(?P<a>.)", rb"\g<a>\g<a>", b"ab"))
print(re.escape(b"a.b*c\xff"), re.escape(bytearray(b"[x]")))
print(re.compile(b"x"), re.compile(rb"\d", re.I), re.compile(b"a", re.L))
print(re.compile(b"x").flags, re.compile(b"x", re.I).flags, re.compile(b"a", re.A).flags)
print(re.compile(rb"(?L)a").flags)
print(re.match(b"a" * 60, b"a" * 60))
print(re.compile(b"ab").pattern, re.compile("ab").pattern)
print(re.match(rb"(a)(b)?", b"a").groups(b"-"))
p = re.compile(rb"(?P<word>\w+)")
print(p.groupindex, p.groups, [m.span() for m in p.finditer(b"ab cd")])
print(p.fullmatch(b"abc"), p.fullmatch(b"ab c"))
print(re.compile(b"^b").search(b"ab", 1), re.compile(b"b$").search(b"ab\n"))
print(re.findall(b"", b"ab"), re.sub(b"x*", b"-", b"abxd"))
