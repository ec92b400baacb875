# Parsing a hand-made binary save-file format: magic, version, records with length-prefixed names.
SAVE = (
    b"SHSV"                      # magic
    b"\x02\x00"                  # version 2, little endian u16
    b"\x03"                      # record count
    b"\x05alice" b"\x00\x00\x01\x2c" b"\x0a" b"\xff\xfe"
    b"\x03bob"   b"\x00\x01\x86\xa0" b"\x03" b"\x00\x64"
    b"\x07charlie" b"\x7f\xff\xff\xff" b"\x63" b"\x80\x00"
    b"\xde\xad"                  # trailer
)

class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise EOFError(f"wanted {n} bytes at offset {self.pos}, only {len(self.data) - self.pos} left")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def u8(self):
        return self.take(1)[0]

    def u16le(self):
        return int.from_bytes(self.take(2), "little")

    def u32be(self):
        return int.from_bytes(self.take(4), "big")

    def i16be(self):
        return int.from_bytes(self.take(2), "big", signed=True)

    def string(self):
        n = self.u8()
        return self.take(n).decode("ascii")

def parse(data):
    r = Reader(data)
    magic = r.take(4)
    if magic != b"SHSV":
        raise ValueError(f"bad magic {magic!r}")
    version = r.u16le()
    count = r.u8()
    players = []
    for _ in range(count):
        name = r.string()
        score = r.u32be()
        level = r.u8()
        delta = r.i16be()
        players.append((name, score, level, delta))
    trailer = r.take(2)
    return version, players, trailer, r.pos

version, players, trailer, used = parse(SAVE)
print("version", version, "bytes used", used, "of", len(SAVE), "trailer", trailer.hex())
for name, score, level, delta in players:
    print(f"{name:<8} score={score:>10} level={level:>3} delta={delta:>6}")

print(SAVE[:4], SAVE[4:6], SAVE[-2:], SAVE[7], SAVE[-1], SAVE[8:13])
print(SAVE.find(b"bob"), SAVE.index(b"charlie"), SAVE.count(b"\x00"), len(SAVE))

# Writing it back produces identical bytes.
def build(version, players, trailer):
    out = [b"SHSV", version.to_bytes(2, "little"), bytes([len(players)])]
    for name, score, level, delta in players:
        raw = name.encode("ascii")
        out.append(bytes([len(raw)]) + raw)
        out.append(score.to_bytes(4, "big"))
        out.append(bytes([level]))
        out.append(delta.to_bytes(2, "big", signed=True))
    out.append(trailer)
    return b"".join(out)

print("round trip:", build(version, players, trailer) == SAVE)
try:
    parse(b"XXXX" + SAVE[4:])
except ValueError as e:
    print("ValueError:", e)
truncated = SAVE[:30]
print(parse(truncated))
