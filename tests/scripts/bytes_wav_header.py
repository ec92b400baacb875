# Building and parsing a RIFF/WAVE header with little-endian fields, then reading 16-bit samples.
import math

def le(n, size, signed=False):
    return n.to_bytes(size, "little", signed=signed)

def make_wav(samples, rate=8000, channels=1, bits=16):
    data = b"".join(le(s, 2, signed=True) for s in samples)
    block_align = channels * bits // 8
    fmt = (le(1, 2) + le(channels, 2) + le(rate, 4) + le(rate * block_align, 4)
           + le(block_align, 2) + le(bits, 2))
    body = b"WAVE" + b"fmt " + le(len(fmt), 4) + fmt + b"data" + le(len(data), 4) + data
    return b"RIFF" + le(len(body), 4) + body

tone = [int(12000 * math.sin(2 * math.pi * 440 * t / 8000)) for t in range(24)]
tone[5] = -32768
tone[6] = 32767
wav = make_wav(tone)
print(len(wav), wav[:12], wav[12:16], wav[36:40])
print(wav[:44].hex(" "))

def u16(b, off):
    return int.from_bytes(b[off:off + 2], "little")

def u32(b, off):
    return int.from_bytes(b[off:off + 4], "little")

def parse_wav(blob):
    if blob[0:4] != b"RIFF" or blob[8:12] != b"WAVE":
        raise ValueError("not a WAVE file: " + repr(blob[:12]))
    riff_size = u32(blob, 4)
    pos = 12
    info = {"riff_size": riff_size}
    while pos + 8 <= len(blob):
        chunk_id = blob[pos:pos + 4].decode("ascii")
        size = u32(blob, pos + 4)
        payload = blob[pos + 8:pos + 8 + size]
        if chunk_id == "fmt ":
            info["format"] = u16(payload, 0)
            info["channels"] = u16(payload, 2)
            info["rate"] = u32(payload, 4)
            info["byte_rate"] = u32(payload, 8)
            info["bits"] = u16(payload, 14)
        elif chunk_id == "data":
            width = info["bits"] // 8
            info["samples"] = [int.from_bytes(payload[i:i + width], "little", signed=True)
                               for i in range(0, len(payload), width)]
        pos += 8 + size + (size & 1)
    return info

info = parse_wav(wav)
samples = info.pop("samples")
print(info)
print(samples == tone, samples[:8])
print("peak:", max(samples), min(samples), "rms:", round(math.sqrt(sum(s * s for s in samples) / len(samples)), 2))
duration_ms = len(samples) * 1000 / info["rate"]
print(f"duration {duration_ms:.1f} ms, {info['byte_rate']} bytes/s")

# Convert to 8-bit unsigned, as old WAV files store it.
eight = bytes((s >> 8) + 128 for s in samples)
print(eight.hex(), eight[5], eight[6])
print(parse_wav(b"RIFX" + wav[4:]))
