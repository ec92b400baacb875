# int.to_bytes / int.from_bytes with both byte orders, signed values, and overflow errors.
values = [0, 1, 255, 256, 65535, 2 ** 32 - 1, 2 ** 64, 2 ** 127 + 12345, 10 ** 40]
for v in values:
    length = max(1, (v.bit_length() + 7) // 8)
    big = v.to_bytes(length, "big")
    little = v.to_bytes(length, "little")
    assert int.from_bytes(big, "big") == v
    assert int.from_bytes(little, "little") == v
    print(f"{v:>42} {length:>2} {big.hex()} {little.hex()}")

print("signed:")
for v in [-1, -128, 127, -129, -(2 ** 63), 2 ** 63 - 1, -(2 ** 100), 2 ** 100]:
    length = (v + (v < 0)).bit_length() // 8 + 1
    data = v.to_bytes(length, "big", signed=True)
    back = int.from_bytes(data, "big", signed=True)
    unsigned = int.from_bytes(data, "big")
    print(f"{v:>32} -> {data.hex():<28} back={back == v} unsigned={unsigned}")

print(int.from_bytes(b"\xff" * 20, "big"), int.from_bytes(b"\xff" * 20, "big", signed=True))
print(int.from_bytes(b"\x80" + b"\x00" * 15, "big", signed=True))
print(int.from_bytes(b"\x00\x00\x00\x80", "little", signed=True))
print(int.from_bytes([1, 2, 3, 4, 5, 6, 7, 8, 9], "big"), int.from_bytes(bytes(range(1, 10)), "little"))
print((1).to_bytes(16, "little"), (2 ** 120).to_bytes(16, "big"))
print(int.from_bytes(b"", "big"), (0).to_bytes(0, "big"))

# Round trip a 256-bit "hash" through 32-bit words.
h = int("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 16)
words = [int.from_bytes(h.to_bytes(32, "big")[i:i + 4], "big") for i in range(0, 32, 4)]
print([f"{w:08x}" for w in words])
rebuilt = 0
for w in words:
    rebuilt = (rebuilt << 32) | w
print(rebuilt == h, h.bit_length())

for value, length, signed in [(256, 1, False), (2 ** 64, 8, False), (-1, 4, False), (128, 1, True), (-129, 1, True)]:
    try:
        value.to_bytes(length, "big", signed=signed)
    except OverflowError as e:
        print(f"OverflowError({value}, {length}, signed={signed}): {e}")

big_number = 2 ** 2000 - 1
packed = big_number.to_bytes(250, "little")
print(len(packed), packed[:4], packed[-4:], int.from_bytes(packed, "little") == big_number)
print((2 ** 70).to_bytes(8, "big"))
