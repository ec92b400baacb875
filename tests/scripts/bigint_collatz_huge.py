# Collatz sequences started from huge numbers: step counts, peaks, and the 2-adic shortcut.
def collatz_steps(n):
    steps = 0
    peak = n
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
            if n > peak:
                peak = n
        steps += 1
    return steps, peak

def collatz_shortcut(n):
    # Strip all factors of two at once with bit tricks.
    steps = 0
    while n != 1:
        if n & 1:
            n = 3 * n + 1
            steps += 1
        tz = (n & -n).bit_length() - 1
        n >>= tz
        steps += tz
    return steps

starts = [27, 97, 871, 2 ** 64 + 1, 3 ** 50, 10 ** 30 + 7, 2 ** 100 - 1, 7 ** 77]
for s in starts:
    steps, peak = collatz_steps(s)
    fast = collatz_shortcut(s)
    print(f"start={s}")
    print(f"    steps={steps} shortcut={fast} peak_digits={len(str(peak))} peak/start={peak // s}")

# The record-setter below 10000, then a sweep near 2**70.
best = max(range(1, 10000), key=lambda k: collatz_steps(k)[0])
print("longest below 10000:", best, collatz_steps(best)[0])
base = 2 ** 70
lengths = [collatz_steps(base + k)[0] for k in range(10)]
print("near 2**70:", lengths)

# Mersenne-like starts 2**k - 1 climb to 3**k - 1 first.
for k in (10, 40, 80):
    n = 2 ** k - 1
    for _ in range(k):
        n = (3 * n + 1) // 2
    print(k, n == 3 ** k - 1, n)

# Inverse Collatz tree: predecessors of a huge even number.
def predecessors(n):
    preds = [2 * n]
    if n % 6 == 4:
        preds.append((n - 1) // 3)
    return preds

frontier = [4 ** 45 * 4]
for level in range(4):
    frontier = [p for f in frontier for p in predecessors(f)]
print("tree level sizes reached:", len(frontier), min(frontier), max(frontier))
