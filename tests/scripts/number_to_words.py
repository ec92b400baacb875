# Spelling out integers in English, ordinals, and checking letter counts.
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")]

def under_thousand(n):
    parts = []
    if n >= 100:
        parts.append(ONES[n // 100] + " hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else ""))
    elif n or not parts:
        parts.append(ONES[n])
    return " ".join(parts)

def words(n):
    if n < 0:
        return "minus " + words(-n)
    if n < 1000:
        return under_thousand(n)
    for value, name in SCALES:
        if n >= value:
            head, rest = divmod(n, value)
            tail = ""
            if rest:
                tail = (" and " if rest < 100 else ", ") + words(rest)
            return f"{words(head)} {name}{tail}"

def ordinal(n):
    w = words(n)
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                 "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
    last_word = w.split(" ")[-1]
    prefix = w[:len(w) - len(last_word)]
    if "-" in last_word:
        a, b = last_word.split("-")
        return prefix + a + "-" + irregular.get(b, b + "th")
    if last_word in irregular:
        return prefix + irregular[last_word]
    if last_word.endswith("y"):
        return prefix + last_word[:-1] + "ieth"
    return prefix + last_word + "th"

for n in [0, 7, 13, 21, 40, 99, 100, 101, 342, 1000, 1001, 12345, 1000000, 2147483647, -58]:
    print(f"{n:>11}: {words(n)}")
print([ordinal(n) for n in [1, 2, 3, 4, 5, 8, 9, 11, 12, 20, 21, 42, 100, 103]])
letters = sum(len(words(n).replace(" ", "").replace("-", "")) for n in range(1, 1001))
print("letters 1..1000:", letters)
