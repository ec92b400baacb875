# Run-length encoding of byte strings: a simple (count, byte) scheme and PackBits as used in TIFF.
def rle_encode(data):
    out = []
    i = 0
    while i < len(data):
        run = 1
        while i + run < len(data) and data[i + run] == data[i] and run < 255:
            run += 1
        out += [run, data[i]]
        i += run
    return bytes(out)

def rle_decode(data):
    out = b""
    for i in range(0, len(data), 2):
        out += bytes([data[i + 1]]) * data[i]
    return out

def packbits(data):
    out = []
    i = 0
    n = len(data)
    while i < n:
        run = 1
        while i + run < n and run < 128 and data[i + run] == data[i]:
            run += 1
        if run > 1:
            out.append(257 - run)  # -(run-1) as an unsigned byte
            out.append(data[i])
            i += run
            continue
        start = i
        while i < n and i - start < 128 and (i + 1 >= n or data[i] != data[i + 1]):
            i += 1
        out.append(i - start - 1)
        out += list(data[start:i])
    return bytes(out)

def unpackbits(data):
    out = []
    i = 0
    while i < len(data):
        h = data[i]
        if h < 128:
            out += list(data[i + 1:i + 2 + h])
            i += 2 + h
        elif h > 128:
            out += [data[i + 1]] * (257 - h)
            i += 2
        else:
            i += 1
    return bytes(out)

samples = [
    b"",
    b"AAAABBBCCD",
    b"\x00" * 300 + b"\x01\x02\x03",
    bytes.fromhex("aaaaaa80002aaaaaaaaa80002a22aaaaaaaaaaaaaaaaaaaaaaaa"),
    b"abcdefg",
    b"WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW",
]
for s in samples:
    r = rle_encode(s)
    p = packbits(s)
    assert rle_decode(r) == s, s
    assert unpackbits(p) == s, s
    print(f"in={len(s):>3} rle={len(r):>3} packbits={len(p):>3} {p[:16].hex()}")

print(packbits(bytes.fromhex("aaaaaa80002aaaaaaaaa80002a22aaaaaaaaaaaaaaaaaaaaaaaa")).hex(" "))
print(rle_encode(b"WWWWWWWWWWWWBWWW"), rle_decode(b"\x03x\x02y\x01z"))

# Rendering a run-length encoded bitmap sprite.
sprite = rle_encode(b"..##....##.." b".#..#..#..#." b"#....##....#" b".#........#." b"..########..")
image = rle_decode(sprite)
print(len(sprite), "bytes encoded,", len(image), "decoded")
for row in range(5):
    print(image[row * 12:(row + 1) * 12].decode().replace(".", " "))
print(unpackbits(b"\xfe\x41\x02xyz\x80\x00Q"))
print(rle_decode(b"\x05"))
