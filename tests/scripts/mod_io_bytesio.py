# io.BytesIO: an in-memory binary file.
import io


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


b = io.BytesIO()
print(b.write(b"hello"), b.write(bytearray(b" world\n")), b.write(b""))
print(b.getvalue(), b.tell())
b.seek(0)
print(b.read(5), b.tell(), b.read(), b.read())
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed)

b = io.BytesIO(b"abcdef")
print(b.tell(), b.getvalue())
b.write(b"XY")
print(b.getvalue(), b.tell())
b.seek(0, io.SEEK_END)
b.write(b"!")
print(b.getvalue())
b = io.BytesIO(bytearray(b"from a bytearray"))
print(b.read(4))

# Past the end: NUL padding.
b = io.BytesIO(b"ab")
b.seek(5)
b.write(b"z")
print(b.getvalue())

# Relative seeks are allowed for bytes.
b = io.BytesIO(b"0123456789")
print(b.seek(3), b.seek(2, 1), b.seek(-3, 2), b.read(), b.seek(-100, 1), b.tell())
show("seek(-1)", lambda: b.seek(-1))
show("seek(0, 5)", lambda: b.seek(0, 5))
show("seek(None)", lambda: b.seek(None))

# Lines.
b = io.BytesIO(b"one\ntwo\r\nthree\rfour")
print(b.readline(), b.readline(2), b.readline(), b.readlines())
b.seek(0)
print(list(b))
b.seek(0)
print(b.readlines(5))

# readinto and read1.
b = io.BytesIO(b"abcdefgh")
buf = bytearray(3)
print(b.readinto(buf), buf, b.read1(2), b.read1())
buf = bytearray(10)
b.seek(6)
print(b.readinto(buf), buf)

# truncate.
b = io.BytesIO(b"hello world")
print(b.truncate(5), b.getvalue(), b.tell())
b.seek(1)
print(b.truncate(), b.getvalue())
show("truncate(-2)", lambda: b.truncate(-2))

# Errors.
show("write('str')", lambda: b.write("str"))
show("write(3)", lambda: b.write(3))
show("BytesIO('x')", lambda: io.BytesIO("x"))
show("read('1')", lambda: b.read("1"))
show("fileno", lambda: b.fileno())

b = io.BytesIO(b"x")
b.close()
print(b.closed)
for name, call in [("read", lambda: b.read()), ("write", lambda: b.write(b"")),
                   ("getvalue", lambda: b.getvalue()), ("tell", lambda: b.tell()),
                   ("seek", lambda: b.seek(0)), ("readline", lambda: b.readline()),
                   ("readlines", lambda: b.readlines()), ("truncate", lambda: b.truncate()),
                   ("flush", lambda: b.flush()), ("isatty", lambda: b.isatty()),
                   ("next", lambda: next(b)), ("enter", lambda: b.__enter__())]:
    show(name, call)

with io.BytesIO() as f:
    f.write(b"abc")
    print(f.getvalue())
print(f.closed)

# Building a binary record by record.
out = io.BytesIO()
for i in range(300):
    out.write(i.to_bytes(2, "big"))
data = out.getvalue()
print(len(data), data[:8], data[-4:])
src = io.BytesIO(data)
total = 0
while True:
    chunk = src.read(2)
    if not chunk:
        break
    total += int.from_bytes(chunk, "big")
print(total)
