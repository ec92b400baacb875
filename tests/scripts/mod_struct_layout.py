# struct: sizes, native alignment, the Struct class, buffers and offsets.
import struct


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# calcsize and alignment: '@' aligns each field to its size, the others don't.
for fmt in ["ci", "@ci", "=ci", "<ci", ">ci", "!ci", "cq", "c0q", "hd", "bP", "e?", "3s5p", "0s",
            "c0i", "", "<", "10x", "ihq", "qh", "bhbi", "?d?", "c3xi", "5s2i", "@lL", "<lL",
            "nN", "xi", "2h3b", " i ", "i i", "\ti\n", "4i2q0d", "b0h0i0q", "e", "@f?d"]:
    show("calcsize(%r)" % fmt, lambda: struct.calcsize(fmt))

# Where padding goes.
print(struct.pack("@bi", 1, 2).hex(), struct.pack("=bi", 1, 2).hex(), struct.pack("@bhbq", 1, 2, 3, 4).hex())
print(struct.pack("@ib0i", 1, 2).hex(), struct.unpack("@ci", b"a\x00\x00\x00\x05\x00\x00\x00"))

# Bad formats.
for fmt in ["z", "<n", ">N", "=P", "2", "i2", "2 i", "i<", "@@i", "3 s", "i!", "%"]:
    show("bad %r" % fmt, lambda: struct.calcsize(fmt))
show("format int", lambda: struct.calcsize(5))
show("format None", lambda: struct.Struct(None))
show("too long", lambda: struct.calcsize("99999999999999999999i"))
print(struct.calcsize(b"<hh"), struct.pack(b">h", 1))

# The Struct class.
s = struct.Struct("<hI2s")
print(s.format, s.size, type(s).__name__)
data = s.pack(-2, 70000, b"ok")
print(data, s.unpack(data))
print(struct.Struct(b">h").format, struct.Struct("").size, struct.Struct("").pack(), struct.Struct("").unpack(b""))
show("Struct.unpack short", lambda: s.unpack(data[:-1]))
show("Struct.unpack long", lambda: s.unpack(data + b"!"))
show("Struct.pack count", lambda: s.pack(1, 2))
show("unpack str", lambda: s.unpack("12345678"))
show("unpack list", lambda: s.unpack([1, 2]))
print(s.unpack(bytearray(data)))

# unpack_from with offsets.
buf = b"\x01\x00\x02\x00\x03\x00\x04\x00"
for off in [0, 2, 6, -2, -8]:
    show("unpack_from<h %d" % off, lambda: struct.unpack_from("<h", buf, off))
for off in [7, 9, -9, -1]:
    show("unpack_from<h %d" % off, lambda: struct.unpack_from("<h", buf, off))
print(struct.unpack_from("<hh", buf, offset=4), struct.unpack_from("<2h", buf))
show("unpack_from short", lambda: struct.unpack_from("<i", b"ab"))
print(struct.Struct("<h").unpack_from(buf, 2))

# pack_into a bytearray.
ba = bytearray(8)
struct.pack_into("<h", ba, 2, 0x1234)
print(ba)
struct.pack_into("<h", ba, -2, -1)
print(ba)
struct.pack_into("<bb", ba, 0, 1, 2)
print(ba)
for off in [7, 10, -1, -10]:
    show("pack_into %d" % off, lambda: struct.pack_into("<h", ba, off, 1))
show("pack_into bytes", lambda: struct.pack_into("<h", bytes(8), 0, 1))
show("pack_into count", lambda: struct.pack_into("<h", ba, 0))
show("pack_into no offset", lambda: struct.pack_into("<h", ba))
st = struct.Struct(">I")
st.pack_into(ba, 4, 0xCAFEBABE)
print(ba.hex())

# iter_unpack.
print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")))
print(list(struct.iter_unpack(">Hc", b"\x00\x01a\x00\x02b")))
for chunk in struct.Struct("<bb").iter_unpack(bytearray(b"\x01\x02\x03\x04")):
    print(chunk)
show("iter_unpack ragged", lambda: list(struct.iter_unpack("<h", b"abc")))
show("iter_unpack empty struct", lambda: list(struct.iter_unpack("", b"")))
print(list(struct.iter_unpack("<i", b"")))

# struct.error is a plain Exception.
print(issubclass(struct.error, Exception), struct.error.__name__)
try:
    struct.unpack("<i", b"")
except struct.error as e:
    print("caught:", e, e.args)

# A little file format: a header, then records.
header = struct.Struct("<4sHH")
rec = struct.Struct("<iif")
points = [(1, 2, 0.5), (-3, 4, 1.25), (5, -6, -2.0)]
blob = bytearray(header.size + rec.size * len(points))
header.pack_into(blob, 0, b"PTS1", 1, len(points))
for k, p in enumerate(points):
    rec.pack_into(blob, header.size + k * rec.size, *p)
print(len(blob), bytes(blob[:8]))
magic, version, count = header.unpack_from(blob)
print(magic, version, count)
print([rec.unpack_from(blob, header.size + k * rec.size) for k in range(count)])
print(list(rec.iter_unpack(bytes(blob[header.size:]))))
