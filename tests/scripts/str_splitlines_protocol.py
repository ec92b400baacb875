# Splitting text on every kind of line break: \n, \r\n, lone \r, and the Unicode separators.
raw = "HELLO shoal/1.0\r\nUser: ann\r\nMode: fast\rLegacy: yes\nTail line\n"
lines = raw.splitlines()
print(lines, len(lines))
print(raw.splitlines(keepends=True))
print(raw.split("\n"))

def parse_headers(text):
    first, *rest = text.splitlines()
    verb, _, version = first.partition(" ")
    headers = {}
    for line in rest:
        if ":" in line:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
    return verb, version, headers

print(parse_headers(raw))

# Old Mac files end lines with \r only; splitlines handles them, split('\n') does not.
mac = "line one\rline two\rline three"
print(mac.splitlines(), len(mac.split("\n")))

# Every line boundary splitlines recognizes.
separators = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
for sep in separators:
    parts = ("a" + sep + "b").splitlines()
    print(repr(sep), parts, len(parts))
print("tab\tstays".splitlines(), "a\n\nb".splitlines(), "end\n".splitlines(), "\n\n".splitlines())

# Keepends lets us rebuild the exact text.
text = "alpha\r\nbeta\rgamma\n\ndelta"
pieces = text.splitlines(True)
print(pieces, "".join(pieces) == text)
print([p.rstrip("\r\n") for p in pieces])
print([len(p) for p in text.splitlines(keepends=True)])

# Counting lines like `wc -l` vs like an editor.
doc = "one\ntwo\r\nthree"
print(doc.count("\n"), len(doc.splitlines()))
numbered = [f"{i:>3}| {line}" for i, line in enumerate(doc.splitlines(), 1)]
print("\n".join(numbered))
print("no newline".splitlines(), "".splitlines(), "x\r".splitlines(True))
