# Sequence slicing: negative indices, steps, slice assignment, deletion, copying and strings.
data = list(range(10))
print(data[2:5], data[:3], data[7:], data[-3:], data[:-3], data[::3], data[::-1], data[-2:2:-2])
print(data[100:], data[-100:3], data[5:2], data[3:3], data[1:9:4])
chunk = data[:]
chunk[2:5] = ["a", "b"]
print(chunk, len(chunk))
chunk[1:1] = [True, False]
print(chunk)
chunk[::2] = range(len(chunk[::2]))
print(chunk)
del chunk[::3]
print(chunk)
del chunk[-2:]
print(chunk)
s = "Hello, Shoal world"
print(s[7:12], s[-5:], s[::-1], s[::2], s[:5].upper() + s[5:])
words = s.split()
print(words[-1][::-1], [w[0] for w in words], [w[-2:] for w in words])
t = tuple(data)
print(t[1:4], t[::-4], type(t[1:3]).__name__)
def rotate(seq, k):
    k %= len(seq)
    return seq[k:] + seq[:k]
print(rotate([1, 2, 3, 4, 5], 2), rotate("abcdef", -1), rotate((1, 2, 3), 4))
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[::-1] for row in matrix[::-1]], [row[1] for row in matrix[1:]])
pairs = list(zip(data[::2], data[1::2]))
print(pairs)
n = len(data)
print([data[i:i + 3] for i in range(0, n, 3)], data[n // 2:] + data[:n // 2])
