# Indexing and slicing bytes (ints and bytes) and ranges (ranges), and `in` consuming an iterator up to the match.
data = b"GIF89a\x01\x00\xff"
print(data[0], data[-1], data[:3], data[3:6], data[::-1][:2], data[6:100], data[:0])
print([b for b in data[:3]], data[2] == ord("F"), list(b"ab"), sum(data[:2]))
header = b"\x89PNG\r\n"
print(header[1:4] == b"PNG", header[0] > 127, header[-2:])
for bad in (20, -20):
    try:
        data[bad]
    except IndexError as e:
        print(e)
try:
    data["0"]
except TypeError as e:
    print(e)
r = range(10, 100, 5)
print(r[2:5], r[::-1], r[-3:], r[::3][1:4], r[5:2], range(10)[::-3], range(0)[1:])
print(list(r[1:4]), r[1:4][1], len(r[::2]))
stream = iter([3, 8, 15, 4, 42, 16])
print(15 in stream, next(stream), 99 in stream, list(stream))
squares = (n * n for n in range(1, 10))
print(16 in squares, list(squares))
words = map(str.upper, ["a", "b", "c", "d"])
print("B" in words, list(words))
