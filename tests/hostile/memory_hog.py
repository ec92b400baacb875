# Run with --max-heap 50MB: every way of filling memory ends in
# MemoryError (or the ValueError CPython gives), and the script goes on.
chunks = []
try:
    while True:
        chunks.append("x" * 1000000 + str(len(chunks)))
except MemoryError as e:
    n = len(chunks)
    chunks = None
    print("strings: MemoryError after", n > 10, n < 60, e)
try:
    "x" * (10 ** 12)
except MemoryError:
    print("repeat refused")
try:
    [0] * (2 ** 62)
except MemoryError:
    print("list repeat refused")
l = []
try:
    while True:
        l.append(0)
except MemoryError:
    n = len(l)
    l = None
    print("list growth refused", n > 1000)
try:
    format(1, "99999999999999999999999")
except ValueError as e:
    print(e)
try:
    "ab".ljust(10 ** 11)
except MemoryError:
    print("ljust refused")
d = {}
try:
    i = 0
    while True:
        d[i] = i
        i += 1
except MemoryError:
    d = None
    print("dict growth refused")
print("still alive", len("x" * 1000))
class Hog:
    def __str__(self):
        x = []
        while True:
            x.append("a" * 1000 + str(len(x)))
try:
    print("%s" % Hog())
except MemoryError:
    print("nested hog refused")
