# array.array in numeric code: FFT, relaxation, sparse products, an image buffer.
from array import array
import math


def lcg(seed):
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % 2 ** 31
        yield state / 2 ** 31


def fft(data, inverse=False):
    # in-place radix-2 FFT over interleaved (re, im) pairs
    n = len(data) // 2
    j = 0
    for i in range(n - 1):
        if i < j:
            data[2 * i], data[2 * j] = data[2 * j], data[2 * i]
            data[2 * i + 1], data[2 * j + 1] = data[2 * j + 1], data[2 * i + 1]
        k = n >> 1
        while k <= j:
            j -= k
            k >>= 1
        j += k
    size = 1
    sign = 1.0 if inverse else -1.0
    while size < n:
        theta = sign * math.pi / size
        w_re, w_im = math.cos(theta), math.sin(theta)
        for start in range(0, n, 2 * size):
            c_re, c_im = 1.0, 0.0
            for k in range(size):
                a = 2 * (start + k)
                b = 2 * (start + k + size)
                t_re = c_re * data[b] - c_im * data[b + 1]
                t_im = c_re * data[b + 1] + c_im * data[b]
                data[b] = data[a] - t_re
                data[b + 1] = data[a + 1] - t_im
                data[a] += t_re
                data[a + 1] += t_im
                c_re, c_im = c_re * w_re - c_im * w_im, c_re * w_im + c_im * w_re
        size *= 2
    if inverse:
        for i in range(len(data)):
            data[i] /= n


rand = lcg(42)
signal = array('d', [next(rand) for _ in range(128)])
work = array('d', signal)
fft(work)
print('spectrum', [round(x, 6) for x in work[:6]], sum(work))
fft(work, inverse=True)
print('round trip error', max(abs(a - b) for a, b in zip(signal, work)) < 1e-12, work[:2])

# Successive over-relaxation on a grid held in one flat array
w = h = 12
grid = array('d', [0.0]) * (w * h)
for x in range(w):
    grid[x] = 1.0
for _ in range(20):
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            i = y * w + x
            grid[i] = 0.25 * 1.25 * (grid[i - 1] + grid[i + 1] + grid[i - w] + grid[i + w]) - 0.25 * grid[i]
print('sor', sum(grid), grid[w + 1], grid[(h // 2) * w + w // 2])

# A sparse matrix in compressed rows: int arrays for the structure
n = 50
row = array('i', [0]) * (n + 1)
col = array('i')
val = array('d')
for r in range(n):
    for c in (r - 1, r, r + 1):
        if 0 <= c < n:
            col.append(c)
            val.append(2.0 if c == r else -1.0)
    row[r + 1] = len(col)
x = array('d', [float(i % 7) for i in range(n)])
y = array('d', [0.0]) * n
for r in range(n):
    total = 0.0
    for k in range(row[r], row[r + 1]):
        total += val[k] * x[col[k]]
    y[r] = total
print('spmv', y[:8], sum(y), row[-3:], len(col), col.itemsize, val.itemsize)

# LU factorisation with partial pivoting over rows of arrays
size = 6
matrix = [array('d', [next(rand) for _ in range(size)]) for _ in range(size)]
pivot = array('i', [0]) * size
for j in range(size):
    best = max(range(j, size), key=lambda i: abs(matrix[i][j]))
    pivot[j] = best
    matrix[j], matrix[best] = matrix[best], matrix[j]
    for i in range(j + 1, size):
        matrix[i][j] /= matrix[j][j]
        for k in range(j + 1, size):
            matrix[i][k] -= matrix[i][j] * matrix[j][k]
det = 1.0
for j in range(size):
    det *= matrix[j][j]
print('lu', pivot, round(det, 12), [round(v, 9) for v in matrix[size - 1]])

# An RGB image buffer of unsigned bytes, written as a PPM header and checksummed
width, height = 16, 8
pixels = array('B', [0] * (width * height * 3))
for py in range(height):
    for px in range(width):
        pos = (py * width + px) * 3
        pixels[pos] = px * 255 // (width - 1)
        pixels[pos + 1] = py * 255 // (height - 1)
        pixels[pos + 2] = (px * py) % 256
data = ('P6 %d %d 255\n' % (width, height)).encode() + pixels.tobytes()
print('ppm', len(data), data[:12], sum(pixels), max(pixels), pixels[-3:])
try:
    pixels[0] = 256
except OverflowError as e:
    print(type(e).__name__, e)

# Single precision keeps about seven digits
singles = array('f', [math.pi, math.e, 1 / 3, 1e-3])
print(singles, [round(v, 7) for v in singles], singles.tobytes().hex())
