# Building network packets in a mutable bytearray: append, extend, slice assignment, patching lengths.
class PacketWriter:
    def __init__(self, kind):
        self.buf = bytearray(b"PK")
        self.buf.append(kind)
        self.buf.extend(b"\x00\x00")  # length placeholder, patched in finish()

    def u8(self, v):
        self.buf.append(v)
        return self

    def u16(self, v):
        self.buf += v.to_bytes(2, "big")
        return self

    def text(self, s):
        raw = s.encode("utf-8")
        self.u8(len(raw))
        self.buf.extend(raw)
        return self

    def finish(self):
        body_len = len(self.buf) - 5
        self.buf[3:5] = body_len.to_bytes(2, "big")
        checksum = sum(self.buf) & 0xFF
        self.buf.append(checksum)
        return bytes(self.buf)

login = PacketWriter(1).text("alice").text("s3cret").u16(443).finish()
move = PacketWriter(7).u16(120).u16(65000).u8(3).finish()
chat = PacketWriter(9).text("héllo, wörld").finish()
for p in (login, move, chat):
    print(len(p), p.hex(" "))

# Editing a bytearray in place.
buf = bytearray(b"hello world")
buf[0] = ord("H")
buf[6:11] = b"Shoal"
print(buf, len(buf))
buf[5:6] = b", dear "
print(buf)
del buf[0:7]
print(buf)
buf.insert(0, 0x3E)
buf.reverse()
print(buf, buf.pop(), buf.pop(0), buf)
buf.remove(ord("a"))
print(buf, buf.count(b"e"), buf.find(b"d"), buf.index(b"S") if b"S" in buf else -1)
buf.clear()
print(buf, len(buf), bytearray(3), bytearray([1, 2, 3]) + b"\x04", bytearray(b"ab") * 2)

# Parsing the packets back out of one concatenated stream.
stream = bytearray(login + move + chat)
packets = []
while stream:
    if stream[:2] != b"PK":
        raise ValueError("lost sync")
    length = int.from_bytes(stream[3:5], "big")
    total = 5 + length + 1
    packet = bytes(stream[:total])
    del stream[:total]
    ok = sum(packet[:-1]) & 0xFF == packet[-1]
    packets.append((packet[2], length, ok))
print(packets)
frame = bytearray(8)
frame[2:4] = (0xBEEF).to_bytes(2, "little")
frame[-1] = 255
print(frame, frame.hex(), bytes(frame) == b"\x00\x00\xef\xbe\x00\x00\x00\xff")
print(bytearray(b"Mixed").upper(), bytearray(b" pad ").strip(), bytearray(b"a,b").split(b","))
frame[0] = 256
