# Word wrapping, full justification and column layout of a paragraph.
TEXT = ("Shoal runs a small subset of Python inside a game engine. Scripts drive agents, "
        "schedule events and react to the world. The interpreter is deterministic, so a "
        "replay of the same inputs always produces exactly the same outputs, tick by tick.")

def wrap(text, width):
    lines, line = [], []
    for word in text.split():
        if line and len(" ".join(line + [word])) > width:
            lines.append(line)
            line = []
        line.append(word)
    if line:
        lines.append(line)
    return lines

def justify(words, width):
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]

for width in (40, 28):
    print("+" + "-" * width + "+")
    lines = wrap(TEXT, width)
    for i, words in enumerate(lines):
        text = " ".join(words) if i == len(lines) - 1 else justify(words, width)
        print("|" + text.ljust(width) + "|")
    print("+" + "-" * width + "+")

lines = [" ".join(w) for w in wrap(TEXT, 22)]
half = (len(lines) + 1) // 2
left, right = lines[:half], lines[half:]
right += [""] * (len(left) - len(right))
for a, b in zip(left, right):
    print(f"{a:<22}   {b}")
print(max(len(l) for l in lines), len(lines), sum(len(w) for w in TEXT.split()))
