# Base64 encoding and decoding written out by hand over bytes, checked against RFC 4648 vectors.
ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
REVERSE = {c: i for i, c in enumerate(ALPHABET)}

def b64encode(data):
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk + b"\x00" * (3 - len(chunk)), "big")
        quad = [ALPHABET[(n >> shift) & 0x3F] for shift in (18, 12, 6, 0)]
        keep = len(chunk) + 1
        out.append(bytes(quad[:keep]) + b"=" * (4 - keep))
    return b"".join(out)

def b64decode(text):
    text = text.rstrip(b"=")
    out = []
    for i in range(0, len(text), 4):
        chunk = text[i:i + 4]
        n = 0
        for c in chunk:
            if c not in REVERSE:
                raise ValueError(f"invalid base64 character {chr(c)!r} at {i}")
            n = (n << 6) | REVERSE[c]
        n <<= 6 * (4 - len(chunk))
        full = n.to_bytes(3, "big")
        out.append(full[:len(chunk) - 1])
    return b"".join(out)

vectors = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"]
for v in vectors:
    enc = b64encode(v)
    print(f"{str(v):>10} -> {enc.decode():<10} back={b64decode(enc) == v}")

message = "Shoal scripts ♥ bytes".encode("utf-8")
encoded = b64encode(message)
print(encoded, len(message), len(encoded))
print(b64decode(encoded).decode("utf-8"))

binary = bytes(range(0, 256, 17))
print(binary.hex(), b64encode(binary))
print(b64decode(b64encode(binary)) == binary)

# URL-safe variant by translating the alphabet.
urlsafe = bytes.maketrans(b"+/", b"-_")
raw = bytes([0xFB, 0xFF, 0xBF, 0xFE])
std = b64encode(raw)
print(std, std.translate(urlsafe), std.translate(urlsafe).rstrip(b"="))

# Line-wrapped output like MIME (76 chars per line).
blob = bytes((i * 37 + 11) % 256 for i in range(120))
wrapped = b64encode(blob)
for i in range(0, len(wrapped), 76):
    print(wrapped[i:i + 76].decode())
joined = b"".join(wrapped[i:i + 76] for i in range(0, len(wrapped), 76))
print(b64decode(joined) == blob)
print(b64decode(b"SGVsbG8sIFdvcmxkIQ=="))
print(b64decode(b"SGVsbG8*IFdvcmxkIQ=="))
