# Morse code encoding/decoding with dict inversion, word gaps and unknown-symbol handling.
CODE = {
    "A": ".-", "B": "-...", "C": "-.-.", "D": "-..", "E": ".", "F": "..-.", "G": "--.", "H": "....",
    "I": "..", "J": ".---", "K": "-.-", "L": ".-..", "M": "--", "N": "-.", "O": "---", "P": ".--.",
    "Q": "--.-", "R": ".-.", "S": "...", "T": "-", "U": "..-", "V": "...-", "W": ".--", "X": "-..-",
    "Y": "-.--", "Z": "--..", "0": "-----", "1": ".----", "2": "..---", "3": "...--", "4": "....-",
    "5": ".....", "6": "-....", "7": "--...", "8": "---..", "9": "----.",
}
DECODE = {v: k for k, v in CODE.items()}

def encode(text):
    words = []
    for word in text.upper().split():
        words.append(" ".join(CODE.get(ch, "?") for ch in word))
    return " / ".join(words)

def decode(morse):
    return " ".join("".join(DECODE.get(sym, "#") for sym in word.split()) for word in morse.split(" / "))

for msg in ["SOS", "Hello World", "Shoal 2024", "a-b"]:
    m = encode(msg)
    print(f"{msg:<12} {m}")
    print(f"{'':<12} {decode(m)}")
print(decode("... .... --- .- .-.. / .-. ..- -. ... / ......."))
lengths = sorted(CODE.items(), key=lambda kv: (len(kv[1]), kv[0]))
print([k for k, v in lengths[:6]], [k for k, v in lengths[-3:]])
print(len(DECODE) == len(CODE), sum(v.count(".") for v in CODE.values()), sum(v.count("-") for v in CODE.values()))
timing = {".": 1, "-": 3}
def duration(morse):
    total = 0
    for word in morse.split(" / "):
        for sym in word.split():
            total += sum(timing[c] for c in sym) + len(sym) - 1 + 3
        total += 4
    return total - 7
print(duration(encode("PARIS")), duration(encode("SOS SOS")))
