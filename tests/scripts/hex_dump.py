# A hex dump of a byte-like list with offsets formatted with #06x and per-line ASCII columns.
data = [ord(c) for c in "Shoal VM\x00\x01 hex dump test!\n"]
for off in range(0, len(data), 8):
    chunk = data[off:off + 8]
    hexes = " ".join(f"{b:02x}" for b in chunk)
    text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
    print(f"{off:#06x}  {hexes:<23}  {text}")
print(f"{255:#06x} {255:#010b} {8:#05o}")
