# textwrap.wrap on random text full of hyphens, dashes, punctuation and
# whitespace, with random options.
import random, textwrap
r = random.Random(7)
alpha = "ab-- -.,!?'\"1_é\tX\n"
out = []
for k in range(600):
    s = "".join(r.choice(alpha) for _ in range(r.randint(0, 30)))
    w = r.randint(1, 12)
    opts = dict(break_on_hyphens=r.random() < 0.7, break_long_words=r.random() < 0.7,
                drop_whitespace=r.random() < 0.7, fix_sentence_endings=r.random() < 0.3)
    if r.random() < 0.3:
        opts["max_lines"] = r.randint(1, 3)
        opts["placeholder"] = r.choice([" [...]", "..", "~"])
    try:
        res = textwrap.wrap(s, w, **opts)
    except ValueError as e:
        res = str(e)
    out.append(repr((s, w, res)))
print(len(out))
h = 0
for line in out:
    for ch in line:
        h = (h * 31 + ord(ch)) % 1000000007
print(h)
for line in out:
    print(line)
