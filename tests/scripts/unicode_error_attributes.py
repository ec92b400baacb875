# UnicodeEncodeError/UnicodeDecodeError: messages over runs of bad characters, the encoding/object/start/end/reason attributes, and the error handlers.
for s, enc in [("東京", "ascii"), ("aé東", "latin-1"), ("x\U0001f600y", "ascii")]:
    try:
        s.encode(enc)
    except UnicodeEncodeError as e:
        print(e, "|", e.encoding, e.object, e.start, e.end, e.reason, e.args)
for b in [b"ok\xff\xfebad", b"\xe2\x82", b"a\xc3(b", b"\xed\xa0\x80x"]:
    for enc in ("utf-8", "ascii"):
        try:
            b.decode(enc)
        except UnicodeDecodeError as e:
            print(e, "|", e.encoding, e.object, e.start, e.end, e.reason)
        for h in ("replace", "ignore", "backslashreplace"):
            print(h, repr(b.decode(enc, h)))
e = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "custom")
print(e, e.start, isinstance(e, ValueError))
e = UnicodeEncodeError("ascii", "héllo", 1, 2, "nope")
print(e, repr(e))
print("é☕\U0001f600".encode("ascii", "backslashreplace"), "é☕".encode("latin-1", "xmlcharrefreplace"))
try:
    "é".encode("ascii", "bogus")
except LookupError as e:
    print(e)
try:
    b"\xff".decode("utf-8", "bogus")
except LookupError as e:
    print(e)
print(b"abc".decode("utf-8", "bogus"))
