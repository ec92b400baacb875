# open() in text and binary modes: write, read, readline(s), iteration, bytes, errors.
path = "/tmp/shoal_corpus_file_io.txt"
with open(path, "w") as f:
    print(f.write("first line\n"), f.closed)
    f.write("second line\nthird")
print(f.closed)
with open(path) as f:
    print(repr(f.readline()))
    print(f.readlines())
with open(path) as f:
    for line in f:
        print(line.rstrip())
print(open(path).read(5))
with open(path + ".bin", "wb") as f:
    f.write("héllo\n".encode())
    f.write(b"\x00\xff'")
data = open(path + ".bin", "rb").read()
print(data, len(data), type(data).__name__, data == b"h\xc3\xa9llo\n\x00\xff'")
print(b"abc".decode(), "x".encode())
try:
    open("no/such/file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
f = open(path)
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
try:
    open(path, "wb").write("text")
except TypeError as e:
    print("TypeError:", e)
