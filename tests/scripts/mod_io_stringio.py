# io.StringIO: an in-memory text file.
import io


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


s = io.StringIO()
print(s.write("hello"), s.write(" world\n"), s.write(""))
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.read(5)), s.tell(), repr(s.read()), repr(s.read()))
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.closed)

# Initial value: the position starts at 0, writing overwrites.
s = io.StringIO("abcdef")
print(s.tell(), repr(s.getvalue()))
s.write("XY")
print(repr(s.getvalue()), s.tell())
s.seek(0, 2)
s.write("!")
print(repr(s.getvalue()))

# Writing past the end pads with NUL characters.
s = io.StringIO("ab")
s.seek(5)
s.write("z")
print(repr(s.getvalue()), len(s.getvalue()))

# Lines.
text = "first line\nsecond line\n\nlast, no newline"
s = io.StringIO(text)
print(repr(s.readline()), repr(s.readline(3)), repr(s.readline()))
print(s.readlines())
print(repr(s.readline()))
s.seek(0)
print(s.readlines(15))
s.seek(0)
for n, line in enumerate(s):
    print(n, repr(line))
print(list(io.StringIO("a\nb\nc")))
print(list(io.StringIO("")))

# read with sizes.
s = io.StringIO("0123456789")
print(repr(s.read(0)), repr(s.read(3)), repr(s.read(None)), repr(s.read(-1)))
s.seek(4)
print(repr(s.read(100)))
s.seek(20)
print(repr(s.read()), repr(s.readline()), s.tell())

# writelines and print(file=...)
s = io.StringIO()
s.writelines(["a", "b\n", "c"])
s.writelines(x for x in "xyz")
print(repr(s.getvalue()))

# truncate.
s = io.StringIO("hello world")
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(2)
print(s.truncate(), repr(s.getvalue()))
print(s.truncate(100), repr(s.getvalue()))
show("truncate(-1)", lambda: s.truncate(-1))

# seek and its errors.
s = io.StringIO("abc")
print(s.seek(1), s.seek(0, 1), s.seek(0, 2), s.tell())
show("seek(-1)", lambda: s.seek(-1))
show("seek(1, 1)", lambda: s.seek(1, 1))
show("seek(-1, 2)", lambda: s.seek(-1, 2))
show("seek(0, 3)", lambda: s.seek(0, 3))
show("seek('a')", lambda: s.seek("a"))
show("seek(1.5)", lambda: s.seek(1.5))

# Wrong argument types.
show("write(5)", lambda: s.write(5))
show("write(b'x')", lambda: s.write(b"x"))
show("read('a')", lambda: s.read("a"))
show("readline(1.0)", lambda: s.readline(1.0))
show("StringIO(5)", lambda: io.StringIO(5))
show("StringIO(b'')", lambda: io.StringIO(b""))
show("newline='x'", lambda: io.StringIO("", "x"))
show("newline=5", lambda: io.StringIO("", 5))
show("fileno", lambda: s.fileno())
print(issubclass(io.UnsupportedOperation, OSError),
      issubclass(io.UnsupportedOperation, ValueError))
try:
    s.fileno()
except ValueError as e:
    print("caught as ValueError:", e)
print(io.StringIO(None).getvalue() == "")

# Closed files.
s = io.StringIO("data")
s.close()
s.close()
print(s.closed)
for name, call in [("read", lambda: s.read()), ("write", lambda: s.write("x")),
                   ("getvalue", lambda: s.getvalue()), ("tell", lambda: s.tell()),
                   ("seek", lambda: s.seek(0)), ("readline", lambda: s.readline()),
                   ("readlines", lambda: s.readlines()), ("truncate", lambda: s.truncate()),
                   ("iter", lambda: iter(s)), ("readable", lambda: s.readable()),
                   ("flush", lambda: s.flush()), ("writable", lambda: s.writable()),
                   ("next", lambda: next(s)), ("enter", lambda: s.__enter__()), ("isatty", lambda: s.isatty()),
                   ("writelines", lambda: s.writelines([]))]:
    show(name, call)

# The with statement closes.
with io.StringIO("inside") as f:
    print(f.read(), f.closed)
print(f.closed)

# Newline modes.
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO(newline=nl)
    s.write("a\nb\r\nc\rd")
    v = s.getvalue()
    s.seek(0)
    print(repr(nl), repr(v), s.readlines())
s = io.StringIO("x\r\ny\rz", newline=None)
print(repr(s.getvalue()), s.readlines())
s = io.StringIO("x\r\ny\rz\n", newline="")
print(s.readlines())

# Many small writes, then reads mixed in.
s = io.StringIO()
for i in range(1000):
    s.write(str(i))
    if i % 100 == 0:
        s.write("\n")
print(len(s.getvalue()), s.tell())
s.seek(0)
print(len(s.readlines()))
s.seek(10)
s.write("WRITE")
print(repr(s.getvalue()[:25]))
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.DEFAULT_BUFFER_SIZE)
print(type(io.StringIO()).__name__)
