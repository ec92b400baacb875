# UTF-8 encoding and decoding by hand, compared with str.encode / bytes.decode.
def utf8_encode(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            out.append(cp)
        elif cp < 0x800:
            out += [0xC0 | cp >> 6, 0x80 | cp & 0x3F]
        elif cp < 0x10000:
            out += [0xE0 | cp >> 12, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F]
        else:
            out += [0xF0 | cp >> 18, 0x80 | cp >> 12 & 0x3F, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F]
    return bytes(out)

def utf8_decode(data):
    chars = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            cp, extra = b, 0
        elif b >> 5 == 0b110:
            cp, extra = b & 0x1F, 1
        elif b >> 4 == 0b1110:
            cp, extra = b & 0x0F, 2
        elif b >> 3 == 0b11110:
            cp, extra = b & 0x07, 3
        else:
            raise ValueError(f"invalid start byte 0x{b:02x} at position {i}")
        for k in range(1, extra + 1):
            cont = data[i + k]
            if cont >> 6 != 0b10:
                raise ValueError(f"invalid continuation byte at position {i + k}")
            cp = cp << 6 | cont & 0x3F
        chars.append(chr(cp))
        i += 1 + extra
    return "".join(chars)

samples = ["hello", "café", "naïve résumé", "Ελληνικά", "日本語", "€100", "🐍 + 🦀", "a\u0000b", "\U0010FFFF"]
for s in samples:
    mine = utf8_encode(s)
    builtin = s.encode("utf-8")
    print(f"{s!r:>18} {len(s):>2} chars {len(mine):>2} bytes {mine.hex(' '):<40} same={mine == builtin} back={utf8_decode(mine) == s}")

# Byte-length classes of code points.
for cp in (0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000):
    print(hex(cp), len(chr(cp).encode()), list(chr(cp).encode()))

# Decoding errors, by hand and built in.
bad_inputs = [b"\xff", b"abc\xc3", b"\xe2\x28\xa1", b"ok \x80 here"]
for data in bad_inputs:
    try:
        utf8_decode(data)
    except (ValueError, IndexError) as e:
        print("mine:", type(e).__name__, e)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("builtin:", e)
print(b"caf\xc3\xa9".decode(), b"\xe2\x82\xac".decode("utf-8"), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
print("ascii encode:", "plain".encode("ascii"), len("ß".encode()), "ß".upper())
print(b"\xf0\x9f\x90\x8d".decode() == "🐍", len("🐍"), len("🐍".encode()))
print("naïve".encode("ascii"))
