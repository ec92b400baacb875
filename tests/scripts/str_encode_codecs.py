# Encoding text for different targets: utf-8, latin-1 and ascii, with the errors each one raises.
names = ["Zoë", "José", "Łukasz", "Ærøskøbing", "plain", "東京"]

for name in names:
    utf8 = name.encode("utf-8")
    try:
        latin = name.encode("latin-1")
    except UnicodeEncodeError as e:
        latin = f"<{e.reason}>"
    try:
        ascii_ = name.encode("ascii")
    except UnicodeEncodeError as e:
        ascii_ = f"<{e.reason} at {e.start}>"
    print(f"{name!r:>14} utf8={utf8!r} latin1={latin!r} ascii={ascii_!r}")

# Decoding the same bytes with different codecs gives different text (mojibake).
data = "Café".encode("utf-8")
print(data, data.decode("utf-8"), data.decode("latin-1"))
print("Café".encode("latin-1"), b"Caf\xe9".decode("latin-1"), len(b"Caf\xe9"), len(data))
print(b"plain ascii".decode("ascii"), "ß".encode("utf-8"), "ß".encode("latin-1"))

# Error handlers: replace, ignore, backslashreplace, xmlcharrefreplace.
word = "naïve café ☕"
for handler in ("replace", "ignore", "backslashreplace", "xmlcharrefreplace"):
    print(handler, word.encode("ascii", errors=handler))
broken = b"ok\xffbad\xc3"
for handler in ("replace", "ignore", "backslashreplace"):
    print(handler, repr(broken.decode("utf-8", errors=handler)))

# Codec names are case-insensitive and accept aliases.
print("x".encode("UTF-8"), "x".encode("utf8"), "é".encode("Latin1"), "é".encode("iso-8859-1"))
try:
    b"\xe9t\xe9".decode("ascii")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "x".encode("klingon")
except LookupError as e:
    print("LookupError:", e)
print("Straße".encode("ascii"))
