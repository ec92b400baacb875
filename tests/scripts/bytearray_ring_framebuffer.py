# A tiny monochrome framebuffer in a bytearray (1 bit per pixel) with line drawing and a text dump.
WIDTH, HEIGHT = 32, 12
fb = bytearray(WIDTH * HEIGHT // 8)

def set_pixel(x, y, on=True):
    if not (0 <= x < WIDTH and 0 <= y < HEIGHT):
        return
    index = (y * WIDTH + x) // 8
    bit = 7 - (x % 8)
    if on:
        fb[index] |= 1 << bit
    else:
        fb[index] &= ~(1 << bit) & 0xFF

def get_pixel(x, y):
    index = (y * WIDTH + x) // 8
    return fb[index] >> (7 - x % 8) & 1

def line(x0, y0, x1, y1):
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx = 1 if x0 < x1 else -1
    sy = 1 if y0 < y1 else -1
    err = dx + dy
    while True:
        set_pixel(x0, y0)
        if x0 == x1 and y0 == y1:
            break
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy

def dump():
    for y in range(HEIGHT):
        print("".join("#" if get_pixel(x, y) else "." for x in range(WIDTH)))

line(0, 0, 31, 11)
line(0, 11, 31, 0)
for x in range(WIDTH):
    set_pixel(x, 5)
dump()
print(len(fb), fb[:8].hex(), sum(bin(b).count("1") for b in fb))

# Invert a region, scroll up by one row, and clear a pixel.
row_bytes = WIDTH // 8
for i in range(row_bytes * 2, row_bytes * 4):
    fb[i] ^= 0xFF
fb[:] = fb[row_bytes:] + bytearray(row_bytes)
set_pixel(0, 0, False)
dump()
snapshot = bytes(fb)
fb[0:4] = b"\xaa\x55\xaa\x55"
print(snapshot[:4].hex(), fb[:4].hex(), snapshot == bytes(fb))

# A fixed-size ring buffer of bytes for an input log.
class ByteRing:
    def __init__(self, size):
        self.data = bytearray(size)
        self.start = 0
        self.count = 0

    def push(self, b):
        end = (self.start + self.count) % len(self.data)
        self.data[end] = b
        if self.count == len(self.data):
            self.start = (self.start + 1) % len(self.data)
        else:
            self.count += 1

    def contents(self):
        return bytes(self.data[(self.start + i) % len(self.data)] for i in range(self.count))

ring = ByteRing(8)
for ch in b"UUDDLRLRBA":
    ring.push(ch)
print(ring.contents(), ring.data, ring.start)
ring.push(300)
