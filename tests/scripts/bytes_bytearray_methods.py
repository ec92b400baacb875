# bytes and bytearray: constructors, every shared method, bytearray mutation, codecs and their errors.
b = bytes([72, 105, 32, 116, 104, 101, 114, 101])
print(b, bytes(3), bytes(b"ab"), bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), bytes(), bytearray(b"xy"), bytearray(2))
print(b.upper(), b.lower(), b.title(), b.swapcase(), b.capitalize(), b.split(), b.split(b"e"), b.rsplit(b" ", 1))
print(b.find(b"e"), b.rfind(b"e"), b.find(101), b.index(b"here"), b.count(b"e"), b.count(b""), b.startswith(b"Hi"), b.endswith((b"x", b"re")))
print(b.replace(b"e", b"E"), b.replace(b"e", b"", 1), b"".join([b"a", bytearray(b"b")]), b"-".join([b"x", b"y"]))
print(b.center(12, b"*"), b.ljust(10), b.rjust(10, b"."), b"42".zfill(5), b"-42".zfill(5), b"  x  ".strip(), b"xxhixx".strip(b"x"))
print(b.partition(b" "), b.rpartition(b"e"), b"a\nb\r\nc\rd".splitlines(), b"a\nb".splitlines(True), b"a\tbc\td".expandtabs(4))
print(b.hex(), b.hex(":"), b.hex("-", 2), b.hex(" ", -3), bytes.fromhex("de ad BE ef"), bytearray.fromhex("00ff"))
print(b"abc".isalpha(), b"ab1".isalnum(), b"12".isdigit(), b" \t".isspace(), b"Ab".istitle(), b"ab".islower(), b"AB".isupper(), b"\x80".isascii())
t = bytes.maketrans(b"abc", b"xyz")
print(b"aabbcc".translate(t), b"hello".translate(None, b"l"), len(t), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"bc"))
print(b"caf\xc3\xa9".decode(), b"caf\xc3\xa9".decode("latin-1"), b"ab".decode("ascii"), "é".encode("latin-1"), "é€".encode("ascii", "replace"), b"\xff".decode("utf-8", "replace"))
for bad in [lambda: b"\xff".decode(), lambda: b"\xe2\x28\xa1".decode(), lambda: b"\xe2\x82".decode(), lambda: "é".encode("ascii"), lambda: b"a".decode("nope")]:
    try:
        bad()
    except (UnicodeError, LookupError) as e:
        print(type(e).__name__, e)
a = bytearray(b"hello")
a[0] = 74
a.append(33)
a.extend(b"!!")
a.extend([63])
a.insert(1, 95)
print(a, a.pop(), a.pop(0), a, len(a), a[1:3], a[-1], 108 in a, b"ll" in a, bytes(a))
a.remove(108)
a.reverse()
print(a, a.copy(), a.upper(), type(a.upper()).__name__, a == bytearray(a), a + b"?", b"?" + a, a * 2)
a[1:3] = b"XYZ"
del a[0]
del a[-2:]
print(a, a.hex())
a += b"++"
a *= 2
print(a, list(a)[:3], sorted(set(a)), a.find(b"+"), a.split(b"+"))
a.clear()
print(a, bool(a), bytearray(b"abc") < b"abd", b"abc" == bytearray(b"abc"), {b"k": 1}[b"k"])
for bad in [lambda: bytes("x"), lambda: bytes([256]), lambda: bytearray([1]).append(300), lambda: hash(bytearray()), lambda: b"a" + "b", lambda: b"x".find("x"), lambda: b"".join(["a"]), lambda: bytearray().pop(), lambda: bytes.fromhex("zz")]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
print(bytearray(b"ab").__hash__, bytes.__hash__(b"a") == hash(b"a"), b"abc"[1], b"abc"[::2], bytearray(b"abc")[::2])
