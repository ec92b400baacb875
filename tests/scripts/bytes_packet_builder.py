# A small binary protocol: building frames in a bytearray, checksums, hex dumps, parsing them back with slices.
def checksum(data):
    total = 0
    for byte in data:
        total = (total + byte) & 0xFF
    return total


def frame(kind, payload):
    out = bytearray(b"\xaa\x55")
    out.append(kind)
    out.append(len(payload))
    out += payload
    out.append(checksum(out[2:]))
    return bytes(out)


def parse(stream):
    frames = []
    i = 0
    while i < len(stream):
        start = stream.find(b"\xaa\x55", i)
        if start < 0:
            break
        kind, size = stream[start + 2], stream[start + 3]
        body = stream[start + 4:start + 4 + size]
        ok = stream[start + 4 + size] == checksum(stream[start + 2:start + 4 + size])
        frames.append((kind, body, ok))
        i = start + 5 + size
    return frames


stream = bytearray()
for kind, text in [(1, "hello"), (2, "wörld"), (3, "")]:
    stream.extend(frame(kind, text.encode()))
stream[-1] ^= 0xFF  # corrupt the last checksum
print(stream.hex(" ", 4))
for kind, body, ok in parse(bytes(stream)):
    print(kind, body, body.decode(), ok, len(body))
print(bytes(stream[:4]), stream.count(0xAA), stream.startswith(b"\xaa\x55"), stream.index(2))
packed = b"".join(n.to_bytes(2, "big") for n in [1, 258, 65535]) if hasattr(int, "to_bytes") else bytes([0, 1, 1, 2, 255, 255])
print([packed[i] * 256 + packed[i + 1] for i in range(0, len(packed), 2)])
