# Bit manipulation on integers wider than 64 bits, including negative numbers (infinite two's complement).
def popcount(n):
    return bin(n).count("1")

def lowest_set_bit(n):
    return (n & -n).bit_length() - 1

def set_bits(n):
    out = []
    while n:
        low = n & -n
        out.append(low.bit_length() - 1)
        n ^= low
    return out

a = 2 ** 100 + 2 ** 64 + 2 ** 3
b = (1 << 80) - 1
print("a =", a, "bits", a.bit_length(), "popcount", popcount(a), a.bit_count())
print("b =", b, "bits", b.bit_length(), "popcount", b.bit_count())
print("a & b =", a & b, set_bits(a & b))
print("a | b =", a | b)
print("a ^ b =", hex(a ^ b))
print("~a =", ~a, ~a == -a - 1)
print("a << 50 =", a << 50)
print("a >> 60 =", a >> 60, set_bits(a >> 60))
print("a >> 200 =", a >> 200, (-a) >> 200)
print("lowest set bit:", lowest_set_bit(a), lowest_set_bit(2 ** 150))

n = -(2 ** 70) - 5
print("n =", n)
print("n >> 1 =", n >> 1, n // 2)
print("n >> 68 =", n >> 68)
print("n & 0xff =", n & 0xFF)
print("n & (2**72 - 1) =", n & (2 ** 72 - 1))
print("n | 1 =", n | 1, "n ^ -1 =", n ^ -1)
print("n << 3 =", n << 3, n * 8)
print("(-1) >> 1000 =", (-1) >> 1000, "(-1) << 100 =", (-1) << 100)
print("bit_length of negatives:", (-(2 ** 70)).bit_length(), (-1).bit_length(), (-255).bit_length())

# A 128-bit bitboard: rotate, mask, and test membership.
WIDTH = 128
MASK = (1 << WIDTH) - 1

def rotl(x, r):
    return ((x << r) | (x >> (WIDTH - r))) & MASK

def rotr(x, r):
    return ((x >> r) | (x << (WIDTH - r))) & MASK

board = 0
for square in (0, 7, 63, 64, 100, 127):
    board |= 1 << square
print(f"{board:032x}")
print(f"{rotl(board, 5):032x}", set_bits(rotl(board, 5)))
print(rotr(rotl(board, 77), 77) == board, popcount(board))
print("bit 100 set?", bool(board >> 100 & 1), "bit 99 set?", bool(board >> 99 & 1))
inverted = ~board & MASK
print("inverted popcount:", popcount(inverted), inverted.bit_length())

# Bit reversal of a 96-bit word and the Gray code of a big number.
def reverse_bits(x, width):
    r = 0
    for _ in range(width):
        r = (r << 1) | (x & 1)
        x >>= 1
    return r

w = 0xDEADBEEFCAFEBABE12345678
print(hex(reverse_bits(w, 96)), reverse_bits(reverse_bits(w, 96), 96) == w)
g = w ^ (w >> 1)
back = 0
t = g
while t:
    back ^= t
    t >>= 1
print(hex(g), back == w)
print(f"{2 ** 70 - 1:_b}")
print(f"{-(2 ** 66):#x} {-(2 ** 66):b}")
