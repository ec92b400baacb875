# Run-length encoding and decoding, plus a look-and-say sequence built on it.
def rle_encode(s):
    if not s:
        return []
    runs = []
    current, count = s[0], 1
    for ch in s[1:]:
        if ch == current:
            count += 1
        else:
            runs.append((current, count))
            current, count = ch, 1
    runs.append((current, count))
    return runs

def to_text(runs):
    return "".join(f"{n}{c}" if n > 1 else c for c, n in runs)

def from_text(text):
    out, num = [], ""
    for ch in text:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * int(num or "1"))
            num = ""
    return "".join(out)

for s in ["aaabccddddde", "abc", "", "zzzzzzzzzzzz", "aabbaa"]:
    enc = to_text(rle_encode(s))
    print(f"{s!r:16} -> {enc!r:12} -> {from_text(enc)!r}")

def look_and_say(s):
    return "".join(f"{n}{c}" for c, n in rle_encode(s))

seq = ["1"]
for _ in range(9):
    seq.append(look_and_say(seq[-1]))
print(seq)
print([len(s) for s in seq])
image = ["....##....", "...####...", "..######..", "...####...", "....##...."]
for row in image:
    print(rle_encode(row))
