# str.maketrans / str.translate: ROT13, Atbash, leetspeak, deleting characters, and mapping to None.
lower = "abcdefghijklmnopqrstuvwxyz"
upper = lower.upper()
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
rot13 = str.maketrans(lower + upper, lower[13:] + lower[:13] + upper[13:] + upper[:13])
atbash = str.maketrans(lower + upper, lower[::-1] + upper[::-1])

msg = "Hello, World! Meet at Gate 7."
r = msg.translate(rot13)
print(r)
print(r.translate(rot13) == msg)
print(msg.translate(atbash), msg.translate(atbash).translate(atbash) == msg)

def caesar(text, shift):
    shift %= 26
    table = str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)

for s in (1, 3, -1, 27):
    print(s, caesar("Attack at Dawn", s))

# Third argument deletes characters.
strip_punct = str.maketrans("", "", punctuation)
print(msg.translate(strip_punct))
print("555-123-4567".translate(str.maketrans("", "", "-")), "(555) 123 4567".translate(str.maketrans("", "", "() ")))

# Dict form: map to strings, to None (delete), or to other code points.
leet = str.maketrans({"a": "4", "e": "3", "l": "1", "o": "0", "t": "7", "s": "$$"})
print("elite hackers love tools".translate(leet))
table = str.maketrans({"é": "e", "è": "e", "ü": "ue", "ß": "ss", "\t": None})
print("Crème brûlée über\tStraße".translate(table))
print(str.maketrans("ab", "xy"), str.maketrans({"a": None, 98: "B"}))
print("abc".translate({97: 65, 98: None, 99: "see"}))

# Translating with a plain dict built by hand (ord keys).
vowels = {ord(v): "*" for v in "aeiouAEIOU"}
print("Programming in Python".translate(vowels))

# A substitution cipher keyed by a scrambled alphabet.
key = "qwertyuiopasdfghjklzxcvbnm"
enc = str.maketrans(lower, key)
dec = str.maketrans(key, lower)
secret = "the treasure is under the old oak".translate(enc)
print(secret, "|", secret.translate(dec))
counts = {}
for ch in secret.replace(" ", ""):
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
try:
    str.maketrans("abc", "xy")
except ValueError as e:
    print("ValueError:", e)
print(str.maketrans({"ab": "x"}))
