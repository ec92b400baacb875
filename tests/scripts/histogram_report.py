# Text histograms: binning floats, horizontal and vertical bar charts, percentiles and a sparkline.
import random

random.seed(314)
data = [round(random.uniform(0, 10) + random.uniform(0, 10), 2) for _ in range(200)]
lo, hi, bins = 0, 20, 10
width = (hi - lo) / bins
counts = [0] * bins
for x in data:
    idx = min(int((x - lo) / width), bins - 1)
    counts[idx] += 1
peak = max(counts)
for i, c in enumerate(counts):
    start = lo + i * width
    bar = "#" * round(c / peak * 40)
    print(f"[{start:4.1f}, {start + width:4.1f}) {c:>3} {bar}")
print()
for level in range(peak, 0, -max(1, peak // 8)):
    print("".join(" ## " if c >= level else "    " for c in counts))
print("".join(f"{i:^4}" for i in range(bins)))
ordered = sorted(data)
def percentile(p):
    k = (len(ordered) - 1) * p / 100
    f = int(k)
    c = min(f + 1, len(ordered) - 1)
    return round(ordered[f] + (ordered[c] - ordered[f]) * (k - f), 3)
print({p: percentile(p) for p in (0, 25, 50, 75, 90, 100)})
ticks = " .:-=+*#"
print("".join(ticks[min(len(ticks) - 1, c * len(ticks) // (peak + 1))] for c in counts))
