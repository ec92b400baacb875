# array.array: machine values in bytes, byteswap and files.
from array import array
import math


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for tc in 'bBhHiIlLqQ':
    a = array(tc, [0, 1, 2, 100, 127])
    data = a.tobytes()
    print(tc, data.hex(), array(tc, data) == a)
print(array('b', [-1, -128]).tobytes(), array('h', [-2, 1000]).tobytes())
print(array('q', [-2 ** 63, 2 ** 63 - 1]).tobytes().hex(), array('Q', [2 ** 64 - 1]).tobytes().hex())
print(array('u', 'aé\U0001f600').tobytes().hex())

doubles = [0.0, -0.0, 1.0, -1.5, 0.1, math.pi, 1e-310, 5e-324, 2.0 ** -1022, 2.0 ** -1023,
           1.7976931348623157e308, float('inf'), float('-inf'), 1e100, -123456.789]
data = array('d', doubles).tobytes()
print(len(data))
for i in range(0, len(data), 8):
    print(data[i:i + 8].hex(), end=' ')
print()
print(array('d', data))
singles = array('f', doubles)
data = singles.tobytes()
print(data.hex())
print(array('f', data))
print(array('d', [float('nan')]).tobytes().hex(), array('f', [float('nan')]).tobytes().hex())
back = array('d', array('d', [float('nan')]).tobytes())[0]
print(back != back)

# Building from bytes and frombytes
a = array('h')
a.frombytes(b'\x01\x00\xff\xff')
a.frombytes(bytearray(b'\x00\x80'))
print(a)
a.frombytes(array('B', [5, 0]))
a.frombytes(array('b', [-1, 0]))
print(a)
attempt('from h array', lambda: a.frombytes(array('h', [5])))
attempt('odd length', lambda: array('i').frombytes(b'abc'))
attempt('str', lambda: array('i').frombytes('abcd'))
attempt('int', lambda: array('i').frombytes(5))
attempt('odd initializer', lambda: array('h', b'\x01\xff\x03'))
print(array('i', b'') == array('i'), array('B', b'hi').tobytes(), array('b', b'\x80'))

# byteswap
for tc in 'bBhHiIlLqQ':
    a = array(tc, [1, 2, 127])
    a.byteswap()
    print(tc, a)
a = array('d', [1.0, 2.0])
a.byteswap()
print(a)
a.byteswap()
print(a)
f = array('f', [1.0, -2.5])
f.byteswap()
print(f.tobytes().hex())
f.byteswap()
print(f)

# A tiny binary file format: a header count, then the values
points = array('d', [0.5, -1.25, 3.0, 1e-3])
counts = array('I', [len(points)])
blob = counts.tobytes() + points.tobytes()
print(len(blob), blob[:4])
header = array('I')
header.frombytes(blob[:4])
decoded = array('d')
decoded.frombytes(blob[4:4 + 8 * header[0]])
print(header[0], decoded, decoded == points)

# Checksum of a buffer of unsigned shorts
words = array('H')
words.frombytes(b'shoal script language!')
print(len(words), sum(words) & 0xffff, hex(max(words)))


# tofile and fromfile work with any object that has write() or read()
class MemoryFile:
    def __init__(self, data=b''):
        self.data = bytearray(data)
        self.pos = 0

    def write(self, b):
        self.data += b
        return len(b)

    def read(self, n):
        chunk = bytes(self.data[self.pos:self.pos + n])
        self.pos += len(chunk)
        return chunk


store = MemoryFile()
array('i', [1, 2, 3]).tofile(store)
array('i', [-4]).tofile(store)
print(bytes(store.data).hex())
loaded = array('i')
loaded.fromfile(store, 3)
print(loaded)
try:
    loaded.fromfile(store, 5)
except EOFError as e:
    print(type(e).__name__, e, loaded)
attempt('negative count', lambda: loaded.fromfile(store, -1))
