# Huffman coding with deterministic tie-breaking: build tree, code table, encode, decode, compression ratio.
def build(freqs):
    nodes = [(f, i, ch) for i, (ch, f) in enumerate(sorted(freqs.items()))]
    counter = len(nodes)
    while len(nodes) > 1:
        nodes.sort(key=lambda n: (n[0], n[1]))
        a, b = nodes.pop(0), nodes.pop(0)
        nodes.append((a[0] + b[0], counter, (a, b)))
        counter += 1
    return nodes[0]

def codes(node, prefix="", table=None):
    if table is None:
        table = {}
    payload = node[2]
    if isinstance(payload, str):
        table[payload] = prefix or "0"
    else:
        codes(payload[0], prefix + "0", table)
        codes(payload[1], prefix + "1", table)
    return table

def decode(bits, tree):
    out, node = [], tree
    for b in bits:
        node = node[2][int(b)]
        if isinstance(node[2], str):
            out.append(node[2])
            node = tree
    return "".join(out)

text = "this is an example of a huffman tree built by shoal"
freqs = {}
for ch in text:
    freqs[ch] = freqs.get(ch, 0) + 1
tree = build(freqs)
table = codes(tree)
for ch in sorted(table, key=lambda c: (len(table[c]), c)):
    print(repr(ch), freqs[ch], table[ch])
bits = "".join(table[c] for c in text)
print(len(bits), "bits vs", len(text) * 8, f"ratio {len(bits) / (len(text) * 8):.3f}")
print(bits[:64])
print(decode(bits, tree) == text)
avg = sum(freqs[c] * len(table[c]) for c in freqs) / len(text)
print(f"average code length {avg:.4f}")
single = build({"a": 5})
print(codes(single), decode("000", single) if False else "")
