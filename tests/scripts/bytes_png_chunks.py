# Walking the chunks of a tiny PNG-like file held in a bytes literal, verifying each chunk's CRC.
def crc32(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0xEDB88320 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF

def chunk(kind, payload):
    body = kind + payload
    return len(payload).to_bytes(4, "big") + body + crc32(body).to_bytes(4, "big")

SIGNATURE = b"\x89PNG\r\n\x1a\n"
ihdr = (3).to_bytes(4, "big") + (2).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
text = b"Title\x00Shoal test image"
pixels = bytes([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
FILE = SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"tEXt", text) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")

print(len(FILE), FILE[:8], FILE[:8] == SIGNATURE)
print(FILE[8:40].hex(" "))

def parse_chunks(data):
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    pos = len(SIGNATURE)
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        payload = data[pos + 8:pos + 8 + length]
        stored = int.from_bytes(data[pos + 8 + length:pos + 12 + length], "big")
        ok = crc32(kind + payload) == stored
        yield pos, kind.decode("ascii"), payload, ok
        pos += 12 + length
        if kind == b"IEND":
            break

for offset, kind, payload, ok in parse_chunks(FILE):
    critical = kind[0].isupper()
    print(f"@{offset:>3} {kind} len={len(payload):>2} crc_ok={ok} critical={critical}")
    if kind == "IHDR":
        width = int.from_bytes(payload[0:4], "big")
        height = int.from_bytes(payload[4:8], "big")
        depth, color = payload[8], payload[9]
        print(f"      {width}x{height} depth={depth} color_type={color}")
    elif kind == "tEXt":
        key, _, value = payload.partition(b"\x00")
        print(f"      {key.decode()} = {value.decode()!r}")
    elif kind == "IDAT":
        stride = 1 + width * 3
        for row in range(height):
            line = payload[row * stride:(row + 1) * stride]
            filt, rgb = line[0], line[1:]
            px = [tuple(rgb[i:i + 3]) for i in range(0, len(rgb), 3)]
            print(f"      row {row} filter={filt} {px}")

# Corrupt one byte of the IDAT payload and re-check.
idat = FILE.find(b"IDAT")
broken = FILE[:idat + 6] + bytes([FILE[idat + 6] ^ 0xFF]) + FILE[idat + 7:]
print([(k, ok) for _, k, _, ok in parse_chunks(broken)])
print(list(parse_chunks(b"GIF89a" + FILE[8:])))
