# Caesar and Vigenere ciphers, ROT13, and letter-frequency cracking of a Caesar shift.
def shift_char(ch, k):
    if ch.isupper():
        return chr((ord(ch) - 65 + k) % 26 + 65)
    if ch.islower():
        return chr((ord(ch) - 97 + k) % 26 + 97)
    return ch

def caesar(text, k):
    return "".join(shift_char(c, k) for c in text)

def vigenere(text, key, decrypt=False):
    out, i = [], 0
    for ch in text:
        if ch.isalpha():
            k = ord(key[i % len(key)].lower()) - 97
            out.append(shift_char(ch, -k if decrypt else k))
            i += 1
        else:
            out.append(ch)
    return "".join(out)

def crack(cipher):
    english = "etaoinshrdlu"
    best = None
    for k in range(26):
        guess = caesar(cipher, -k).lower()
        score = sum(guess.count(c) * (len(english) - i) for i, c in enumerate(english))
        if best is None or score > best[0]:
            best = (score, k)
    return best[1]

msg = "The Quick Brown Fox Jumps Over The Lazy Dog, again and again!"
enc = caesar(msg, 3)
print(enc)
print(caesar(enc, -3) == msg, caesar("Hello", 13), caesar(caesar("Hello", 13), 13))
v = vigenere(msg, "Lemon")
print(v)
print(vigenere(v, "Lemon", decrypt=True))
secret = caesar("meet me at the eastern entrance at seven in the evening", 11)
k = crack(secret)
print(secret)
print(k, caesar(secret, -k))
