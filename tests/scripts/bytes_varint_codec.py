# LEB128 / protobuf-style varints: unsigned, zigzag-signed, and decoding a stream of them.
def encode_uvarint(n):
    if n < 0:
        raise ValueError("uvarint cannot encode negative numbers")
    out = []
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)

def decode_uvarint(data, pos=0):
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos

def zigzag(n):
    return n * 2 if n >= 0 else -n * 2 - 1

def unzigzag(z):
    return z >> 1 if z & 1 == 0 else -((z + 1) >> 1)

def encode_svarint(n):
    return encode_uvarint(zigzag(n))

for n in [0, 1, 127, 128, 300, 16384, 2 ** 32, 2 ** 63 - 1, 2 ** 64, 2 ** 100 + 1]:
    enc = encode_uvarint(n)
    dec, used = decode_uvarint(enc)
    print(f"{n:>32} -> {enc.hex():<32} len={len(enc):>2} back={dec == n and used == len(enc)}")

print("zigzag:", [zigzag(n) for n in (0, -1, 1, -2, 2, -64, 64)], [unzigzag(zigzag(n)) for n in (-5, 5, -(2 ** 70))])
for n in [-1, -300, 300, -(2 ** 63), 2 ** 63 - 1]:
    print(n, encode_svarint(n).hex())

# A stream of mixed varints, like a protobuf message: (field << 3 | wiretype) then value.
fields = [(1, 150), (2, 0), (3, 2 ** 35), (15, 1), (16, 99999)]
stream = b"".join(encode_uvarint(f << 3) + encode_uvarint(v) for f, v in fields)
print("stream:", stream.hex(), len(stream))
pos = 0
decoded = []
while pos < len(stream):
    key, pos = decode_uvarint(stream, pos)
    value, pos = decode_uvarint(stream, pos)
    decoded.append((key >> 3, key & 7, value))
print(decoded)

# Delta-encoded sorted ids pack small.
ids = [1000, 1003, 1010, 1500, 70000, 70001, 2 ** 40]
prev = 0
packed = b""
for i in ids:
    packed += encode_uvarint(i - prev)
    prev = i
print("packed ids:", packed.hex(), len(packed), "bytes vs", 8 * len(ids))
total = pos = 0
unpacked = []
while pos < len(packed):
    d, pos = decode_uvarint(packed, pos)
    total += d
    unpacked.append(total)
print(unpacked == ids)
print(decode_uvarint(b"\xff\xff\x03"), decode_uvarint(b"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01"))
decode_uvarint(b"\x96")
