# Loop control: for/else and while/else searches, break/continue, nested loops with flags.
def find_divisor(n):
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            return d
    else:
        return None

print([(n, find_divisor(n)) for n in (91, 97, 121, 2, 1)])

def first_negative(rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v < 0:
                break
        else:
            continue
        return r, c
    return None

print(first_negative([[1, 2], [3, -4], [-5, 6]]), first_negative([[1], [2]]))
n, steps = 27, 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
    if steps > 1000:
        print("gave up")
        break
else:
    print("collatz reached 1 in", steps, "steps")

attempts = ["hunter1", "password", "letmein", "s3cret"]
i = 0
while i < len(attempts):
    guess = attempts[i]
    i += 1
    if len(guess) < 7:
        print("too short:", guess)
        continue
    if guess == "letmein":
        print("access granted after", i, "attempts")
        break
    print("wrong:", guess)
else:
    print("locked out")

total = 0
for x in range(20):
    if x % 2:
        continue
    if x > 12:
        break
    total += x
print(total)
for word in ["alpha", "beta"]:
    for ch in word:
        if ch in "aeiou":
            print(word, "first vowel", ch)
            break
count = 0
while True:
    count += 1
    if count >= 5:
        break
print(count)
