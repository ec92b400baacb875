# Checksums computed by hand over bytes: CRC-32 (table driven), Adler-32, Fletcher-16, and a simple XOR.
def make_crc_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            if c & 1:
                c = 0xEDB88320 ^ (c >> 1)
            else:
                c >>= 1
        table.append(c)
    return table

CRC_TABLE = make_crc_table()

def crc32(data, crc=0):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF

def adler32(data):
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a

def fletcher16(data):
    s1 = s2 = 0
    for byte in data:
        s1 = (s1 + byte) % 255
        s2 = (s2 + s1) % 255
    return (s2 << 8) | s1

def xor8(data):
    x = 0
    for byte in data:
        x ^= byte
    return x

print("table[1], table[255]:", hex(CRC_TABLE[1]), hex(CRC_TABLE[255]))
samples = [b"", b"a", b"abc", b"123456789", b"Wikipedia", b"The quick brown fox jumps over the lazy dog", bytes(range(256))]
for s in samples:
    label = s if len(s) < 20 else s[:17] + b"..."
    print(f"{str(label):<24} crc32={crc32(s):08x} adler32={adler32(s):08x} fletcher16={fletcher16(s):04x} xor={xor8(s):02x}")

# CRC is incremental: feeding chunks gives the same result.
data = b"The quick brown fox jumps over the lazy dog"
crc = 0
for i in range(0, len(data), 7):
    crc = crc32(data[i:i + 7], crc)
print("chunked:", hex(crc), crc == crc32(data))

# Detecting a single flipped bit.
corrupted = data[:10] + bytes([data[10] ^ 0x04]) + data[11:]
print(corrupted[:16], hex(crc32(corrupted)), crc32(corrupted) != crc32(data))

# A packet with a trailing CRC in big-endian order.
payload = b"\x01\x02hello\x00"
packet = payload + crc32(payload).to_bytes(4, "big")
print(packet.hex(" "))
body, check = packet[:-4], int.from_bytes(packet[-4:], "big")
print("packet ok:", crc32(body) == check)
print("residue trick:", hex(crc32(payload + crc32(payload).to_bytes(4, "little"))))
