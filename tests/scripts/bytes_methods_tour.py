# A tour of bytes methods on a raw HTTP-like request: split, join, find, strip, replace, case, tests.
raw = b"GET /index.html?user=Ann&lang=en HTTP/1.1\r\nHost: example.org\r\nUser-Agent: ShoalBot/0.1\r\nAccept:  text/html \r\nX-Count: 42\r\n\r\nbody-bytes"

head, sep, body = raw.partition(b"\r\n\r\n")
lines = head.split(b"\r\n")
request_line = lines[0]
method, target, version = request_line.split(b" ")
print(method, target, version)
path, _, query = target.partition(b"?")
params = dict(pair.split(b"=", 1) for pair in query.split(b"&"))
print(path, params)

headers = {}
for line in lines[1:]:
    name, _, value = line.partition(b":")
    headers[name.strip().lower()] = value.strip()
print(headers)
print(int(headers[b"x-count"]) + 1, headers[b"user-agent"].split(b"/"), body)

print(raw.startswith(b"GET "), raw.endswith(b"bytes"), raw.startswith((b"POST", b"GET")))
print(raw.find(b"Host"), raw.find(b"missing"), raw.rfind(b"\r\n"), raw.index(b"HTTP"))
print(raw.count(b"\r\n"), raw.count(b"e"), len(raw))
print(b"  padded\t\n".strip(), b"xxhixx".strip(b"x"), b"...data".lstrip(b"."), b"data!!!".rstrip(b"!"))
print(b"Mixed Case".upper(), b"Mixed Case".lower(), b"mixed case".title(), b"MiXeD".swapcase(), b"hello".capitalize())
print(b"abc".isalpha(), b"abc1".isalnum(), b"123".isdigit(), b"  ".isspace(), b"ABC".isupper(), b"abc".islower())
print(b", ".join([b"alpha", b"beta", b"gamma"]), b"-".join(bytes([c]) for c in b"xyz"))
print(b"a,b,,c".split(b","), b"a b  c".split(), b"k=v=w".split(b"=", 1), b"1.2.3".rsplit(b".", 1))
print(b"line1\nline2\r\nline3".splitlines(), b"one\ntwo\n".splitlines(True))
print(b"banana".replace(b"an", b"AN"), b"banana".replace(b"a", b"", 2), b"aaa".replace(b"a", b"bb"))
print(b"7".zfill(3), b"ab".center(6, b"*"), b"ab".ljust(5, b"."), b"ab".rjust(5))
print(b"a-b-c".partition(b"-"), b"a-b-c".rpartition(b"-"), b"abc".partition(b"x"))
print(b"tab\tsep".expandtabs(8), b"%s=%d" % (b"key", 7), b"%05.1f|%x" % (3.14159, 255))
print(b"hello"[1], b"hello"[-1], b"hello"[1:4], b"hello"[::-1], b"hello"[::2], b"hello"[10:])
print(b"abc" + b"def", b"ab" * 3, b"b" in b"abc", 98 in b"abc", b"" in b"abc", list(b"hi"))
print(b"abc" < b"abd", b"abc" == b"abc", b"Z" < b"a", max(b"hello"), min(b"hello"), sorted(b"cab"))
print(bytes(4), bytes([65, 66, 67]), bytes(range(48, 58)), bytes.fromhex("48 69 21"), b"Hi!".hex())
print(b"hello".removeprefix(b"he"), b"hello".removesuffix(b"lo"), b"ab".endswith((b"x", b"b")))
print(headers[b"host"].decode() + "!", str(b"raw"), repr(b"\x00\x7f\x80'\""))
print(b"abc".index(b"z"))
