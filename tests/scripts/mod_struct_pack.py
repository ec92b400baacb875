# struct: packing numbers and bytes, every code and byte order.
import struct


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# Every integer code in every byte order, at its limits.
for order in "@=<>!":
    for code in "bBhHiIlLqQnNP":
        fmt = order + code
        try:
            size = struct.calcsize(fmt)
        except struct.error as e:
            print(fmt, "error:", e)
            continue
        signed = code in "bhilqn"
        bits = 8 * size
        lo = -(1 << (bits - 1)) if signed else 0
        hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
        if code == "P":
            lo = 0
        for v in [lo, hi, 0, 1, 100]:
            data = struct.pack(fmt, v)
            back = struct.unpack(fmt, data)[0]
            print(fmt, size, v, data.hex(), back == v)

# Out-of-range values: the messages differ by code and byte order.
values = [2**64, 2**63, 2**32, 2**31, 65536, 32768, 256, 128, -1, -129, -32769,
          -2**31 - 1, -2**32 - 1, -2**63 - 1, -2**64]
for order in "@<>":
    for code in "bBhHiIlLqQnNP":
        if order != "@" and code in "nNP":
            continue
        row = []
        for v in values:
            try:
                struct.pack(order + code, v)
                row.append("ok")
            except struct.error as e:
                row.append(str(e))
        print(order + code, " | ".join(row))

# Integer-like arguments.
class Index:
    def __index__(self):
        return 7


print(struct.pack("<i", True), struct.pack("<h", Index()), struct.pack("<d", 3), struct.pack("<d", False))
for fmt, v in [("i", 1.5), ("B", "x"), ("q", None), ("d", "1.0"), ("f", None), ("d", 10**400), ("i", 2.0)]:
    show("pack(%r, %r)" % (fmt, v), lambda: struct.pack(fmt, v))

# Floats: d, f, e in both byte orders.
floats = [0.0, -0.0, 1.0, -2.5, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, 3.4028234663852886e+38,
          1e-45, 1.401298464324817e-45, 1e-40, 65504.0, 6.1e-5, 1.1920928955078125e-07, 1e-8,
          0.333333333, 123456.789, float("inf"), float("-inf")]
for v in floats:
    row = [repr(v)]
    for fmt in ["<d", ">d", "<f", ">f", "<e", ">e"]:
        try:
            data = struct.pack(fmt, v)
            row.append(data.hex() + "=" + repr(struct.unpack(fmt, data)[0]))
        except (OverflowError, struct.error) as e:
            row.append(type(e).__name__ + ": " + str(e))
    print(" ".join(row))
print(struct.pack("<d", float("nan")).hex(), struct.pack(">f", float("nan")).hex(), struct.pack("<e", float("nan")).hex())
print(struct.unpack("<d", struct.pack("<d", float("nan"))), struct.unpack("<f", b"\x01\x00\x80\x7f"), struct.unpack("<e", b"\x01\x7c"))
# Rounding to the nearest, ties to even.
for v in [1.0000000596046448, 1.0000001788139343, 16777217.0, 16777219.0, 2049.0, 2051.0, 0.0001, 65519.99, 65520.0, 1e10]:
    for fmt in ["<f", "<e"]:
        try:
            print(v, fmt, struct.unpack(fmt, struct.pack(fmt, v))[0])
        except OverflowError as e:
            print(v, fmt, "OverflowError", e)
# Native 'f' turns a too large value into inf; standard 'f' refuses.
print(struct.pack("f", 1e300).hex(), struct.pack("@f", -1e39).hex())
show("'<f' 1e300", lambda: struct.pack("<f", 1e300))
show("'e' 1e300", lambda: struct.pack("e", 1e300))
for bits in range(0, 65536, 4099):
    print(bits, struct.unpack("<e", bits.to_bytes(2, "little"))[0], end="; ")
print()

# c, s, p, ?, x.
print(struct.pack("c", b"a"), struct.pack("2c", b"a", b"b"), struct.unpack("3c", b"xyz"))
print(struct.pack("3s", b"abcdef"), struct.pack("5s", b"ab"), struct.pack("0s", b"ab"), struct.pack("s", b""))
print(struct.unpack("3s2s", b"abcde"), struct.pack("3s", bytearray(b"xy")))
print(struct.pack("5p", b"hello world"), struct.pack("p", b"x"), struct.pack("0p", b"x"), struct.pack("3p", b""))
print(struct.unpack("5p", b"\x09abcd"), struct.unpack("3p", b"\x00ab"), struct.unpack("4p", b"\x02abc"))
print(struct.pack("300p", b"a" * 300)[:3], len(struct.pack("300p", b"a" * 300)))
print(struct.pack("???", 0, "x", []), struct.unpack("3?", b"\x00\x01\x05"))
print(struct.pack("x2xh", 7), struct.unpack("<xhx", b"\x00\x01\x02\x00"))
show("c len 2", lambda: struct.pack("c", b"ab"))
show("c str", lambda: struct.pack("c", "a"))
show("c bytearray", lambda: struct.pack("c", bytearray(b"a")))
show("s str", lambda: struct.pack("s", "a"))
show("p int", lambda: struct.pack("p", 1))

# Argument counts.
show("too few", lambda: struct.pack("ii", 1))
show("too many", lambda: struct.pack("i", 1, 2))
show("counted", lambda: struct.pack("2i", 1))
show("pad takes none", lambda: struct.pack("x", 1))
show("2s3s", lambda: struct.pack("2s3s", b"a"))
show("no format", lambda: struct.pack())

# A record, packed and unpacked.
record = struct.pack("<4sHHI?d", b"SHOL", 1, 2, 123456, True, 2.5)
print(len(record), record.hex())
print(struct.unpack("<4sHHI?d", record))
magic, major, minor, length, flag, value = struct.unpack("<4sHHI?d", record)
print(magic.decode(), major, minor, length, flag, value)
print(struct.pack(">IhB", 0xDEADBEEF, -2, 255).hex(), struct.pack("!H", 80).hex())
print(struct.unpack(">HH", bytes([1, 2, 3, 4])), struct.unpack("<HH", bytearray([1, 2, 3, 4])))
