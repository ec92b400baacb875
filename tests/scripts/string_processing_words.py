# Text statistics: word frequencies, longest words, capitalisation, find/rfind, sorting by count.
TEXT = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs away!
A quick, quick fox -- and a lazy, lazy dog."""

def words(text):
    cleaned = []
    for ch in text.lower():
        cleaned.append(ch if ch.isalpha() or ch.isspace() else " ")
    return "".join(cleaned).split()

ws = words(TEXT)
print(len(ws), "words", len(TEXT.splitlines()), "lines")
freq = {}
for w in ws:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in top[:6]:
    print(f"{word:>6} {'#' * n} {n}")
print("unique:", len(freq), "longest:", max(ws, key=len), sorted(set(len(w) for w in ws)))
print(" ".join(w.capitalize() for w in ws[:5]))
print(TEXT.splitlines()[1].title())
print([line.strip().endswith(".") for line in TEXT.splitlines()])
print(TEXT.count("the"), TEXT.lower().count("the"), TEXT.find("fox"), TEXT.rfind("fox"))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
first, sep, rest = TEXT.partition("\n")
print(repr(first), repr(sep), len(rest))
vowels = sum(1 for c in TEXT.lower() if c in "aeiou")
print("vowels", vowels, "consonants", sum(1 for c in TEXT.lower() if c.isalpha()) - vowels)
