# Bit tricks: popcount, power-of-two tests, bit reversal, gray codes, subsets by bitmask, XOR swap.
def popcount(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count

def is_pow2(n):
    return n > 0 and n & (n - 1) == 0

def reverse_bits(n, width=8):
    out = 0
    for _ in range(width):
        out = (out << 1) | (n & 1)
        n >>= 1
    return out

def gray(n):
    return n ^ (n >> 1)

def from_gray(g):
    n = 0
    while g:
        n ^= g
        g >>= 1
    return n

print([popcount(n) for n in range(17)])
print([n for n in range(1, 300) if is_pow2(n)])
print([f"{reverse_bits(n):08b}" for n in (1, 6, 128, 0b10110000)])
codes = [gray(n) for n in range(8)]
print([f"{c:03b}" for c in codes], [from_gray(c) for c in codes])
print(all(popcount(gray(i) ^ gray(i + 1)) == 1 for i in range(255)))
items = ["a", "b", "c", "d"]
subsets = [[items[i] for i in range(4) if mask >> i & 1] for mask in range(16)]
print(subsets[:8], len(subsets))
a, b = 12, 25
a ^= b; b ^= a; a ^= b
print(a, b, 5 & 3, 5 | 3, 5 ^ 3, ~5, -8 >> 1, 1 << 40, (1 << 40) >> 38)
flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ | EXEC
print(flags, bool(flags & WRITE), bool(flags & EXEC))
flags &= ~EXEC
print(flags, bin(flags), hex(0xDEADBEEF))
lowest = [n & -n for n in (12, 40, 7, 96)]
print(lowest, [len(bin(n)) - 2 for n in (1, 255, 256)])
