# Hex encoding round trips and a repeating-key XOR cipher, with a frequency-based key recovery.
def xor_bytes(data, key):
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))

plain = b"Meet me at the old lighthouse at midnight. Bring the map and the lantern."
key = b"ICE"
cipher = xor_bytes(plain, key)
print(cipher.hex())
print(cipher.hex(":")[:47], cipher.hex(" ", 4)[:44])
print(bytes.fromhex(cipher.hex()) == cipher, xor_bytes(cipher, key) == plain)

# Hamming distance between byte strings (bit differences).
def hamming(a, b):
    return sum(bin(x ^ y).count("1") for x, y in zip(a, b))

print(hamming(b"this is a test", b"wokka wokka!!!"))

# Recover a single-byte XOR key by scoring English letters.
def score(text):
    common = b"etaoin shrdlu"
    return sum(2 if c in common else 1 for c in text.lower() if 32 <= c < 127)

def crack_single(block):
    best = max(range(256), key=lambda k: (score(bytes(b ^ k for b in block)), -k))
    return best

# Guess the key length by normalized Hamming distance, then crack each column.
def guess_keysize(data, sizes):
    results = []
    for size in sizes:
        blocks = [data[i * size:(i + 1) * size] for i in range(4)]
        dist = sum(hamming(blocks[i], blocks[j]) for i in range(4) for j in range(i + 1, 4)) / 6 / size
        results.append((round(dist, 3), size))
    return sorted(results)

print(guess_keysize(cipher, range(2, 6))[:3])
columns = [cipher[i::3] for i in range(3)]
recovered = bytes(crack_single(c) for c in columns)
print("recovered key:", recovered, recovered == key)
print(xor_bytes(cipher, recovered)[:31])

# Hex parsing corner cases.
print(bytes.fromhex("DEADBEEF"), bytes.fromhex("de ad be ef"), bytes.fromhex(""), b"\x00\xff".hex())
print(int(b"\x12\x34".hex(), 16), hex(int.from_bytes(b"\x12\x34", "big")))
for bad in ["abc", "zz", "0x12"]:
    try:
        bytes.fromhex(bad)
    except ValueError as e:
        print(f"fromhex({bad!r}):", e)
print(bytes.fromhex("41 42 4"))
