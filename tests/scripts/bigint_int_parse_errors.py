# Parsing user-typed numbers with int(): accepted spellings and the exact ValueError messages.
def parse(text, base=10):
    try:
        return int(text, base)
    except ValueError as e:
        return f"ValueError: {e}"

good = ["42", "  -17  ", "+8", "1_000_000", "0", "-0", "00012", "٣٤", "123456789012345678901234567890"]
for text in good:
    print(repr(text), "->", parse(text))

bad = ["--3", "+-3", "3.5", "1e5", "", "   ", "12abc", "1__000", "_100", "100_", "0x10", "ⅷ", "- 5", "1 000"]
for text in bad:
    print(repr(text), "->", parse(text))

print("with bases:")
cases = [("ff", 16), ("FF", 16), ("0xff", 16), ("0xff", 0), ("0o17", 0), ("017", 0), ("0b102", 0),
         ("z", 36), ("z", 35), ("12", 2), ("-0b1111", 0), ("0_7", 0), ("7" * 40, 8), ("0x", 16)]
for text, base in cases:
    print(f"int({text!r}, {base}) ->", parse(text, base))

for base in (1, 37, -2):
    try:
        int("10", base)
    except ValueError as e:
        print("ValueError:", e)

for value in [3.99, -3.99, 1e20, float("inf"), float("nan")]:
    try:
        print(value, "->", int(value))
    except (ValueError, OverflowError) as e:
        print(value, "->", type(e).__name__ + ":", e)

try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int("5", 10.0)
except TypeError as e:
    print("TypeError:", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError:", e)

entries = ["10", "20", "thirty", "40"]
total = 0
for entry in entries:
    total += int(entry)
    print("running total", total)
