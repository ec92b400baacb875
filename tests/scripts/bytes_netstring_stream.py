# Netstrings ("5:hello,") and a length-prefixed message stream split across arbitrary read chunks.
def netstring(payload):
    return str(len(payload)).encode("ascii") + b":" + payload + b","

def parse_netstrings(data):
    out = []
    pos = 0
    while pos < len(data):
        colon = data.index(b":", pos)
        length_text = data[pos:colon]
        if not length_text.isdigit():
            raise ValueError(f"bad length prefix {length_text!r}")
        length = int(length_text)
        start = colon + 1
        end = start + length
        if data[end:end + 1] != b",":
            raise ValueError(f"missing comma after {length}-byte payload at {pos}")
        out.append(data[start:end])
        pos = end + 1
    return out

messages = [b"hello", b"", b"with,comma:colon", "ünïcode".encode(), bytes(range(5))]
encoded = b"".join(netstring(m) for m in messages)
print(encoded)
print(parse_netstrings(encoded) == messages, len(encoded))

class FrameDecoder:
    """Collects bytes from a socket-like source and yields complete frames (u16 length prefix)."""

    def __init__(self):
        self.pending = b""

    def feed(self, chunk):
        self.pending += chunk
        frames = []
        while len(self.pending) >= 2:
            size = int.from_bytes(self.pending[:2], "big")
            if len(self.pending) < 2 + size:
                break
            frames.append(self.pending[2:2 + size])
            self.pending = self.pending[2 + size:]
        return frames

def frame(payload):
    return len(payload).to_bytes(2, "big") + payload

wire = b"".join(frame(m) for m in [b"JOIN lobby", b"MOVE 3 4", b"CHAT gg wp", b"x" * 300, b"QUIT"])
print(len(wire), wire[:14])
decoder = FrameDecoder()
sizes = [1, 3, 7, 2, 50, 400, 5, 100]
pos = 0
for size in sizes:
    chunk = wire[pos:pos + size]
    pos += size
    for f in decoder.feed(chunk):
        shown = f if len(f) < 20 else f[:8] + b"...(" + str(len(f)).encode() + b")"
        print(f"after {pos:>3} bytes: {shown}")
print("leftover:", decoder.pending, pos >= len(wire))

commands = {}
for msg in parse_netstrings(b"4:MOVE,4:JUMP,4:MOVE,5:SHOOT,"):
    verb = msg.decode()
    commands[verb] = commands.get(verb, 0) + 1
print(sorted(commands.items()))
print(parse_netstrings(b"3:abc,10:short,"))
