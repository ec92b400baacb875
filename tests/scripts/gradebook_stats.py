# A gradebook: weighted averages, letter grades, ranking with ties and per-assignment statistics.
WEIGHTS = {"hw": 0.3, "midterm": 0.3, "final": 0.4}
SCORES = {
    "ann": {"hw": [90, 85, 100], "midterm": 88, "final": 92},
    "bob": {"hw": [70, 65, 80], "midterm": 72, "final": 60},
    "cy": {"hw": [100, 100, 95], "midterm": 95, "final": 98},
    "dee": {"hw": [85, 90, 75], "midterm": 80, "final": 84},
    "eli": {"hw": [60, 0, 70], "midterm": 55, "final": 71},
    "fay": {"hw": [90, 85, 100], "midterm": 88, "final": 92},
}

def weighted(s):
    hw = sum(s["hw"]) / len(s["hw"])
    return hw * WEIGHTS["hw"] + s["midterm"] * WEIGHTS["midterm"] + s["final"] * WEIGHTS["final"]

def letter(score):
    for cutoff, grade in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= cutoff:
            return grade
    return "F"

results = {name: round(weighted(s), 2) for name, s in SCORES.items()}
ranked = sorted(results.items(), key=lambda kv: (-kv[1], kv[0]))
rank, prev = 0, None
for i, (name, score) in enumerate(ranked, 1):
    if score != prev:
        rank = i
    prev = score
    print(f"{rank:>2}. {name:<4} {score:6.2f} {letter(score)}")

def stats(values):
    n = len(values)
    mean = sum(values) / n
    ordered = sorted(values)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    sd = (sum((v - mean) ** 2 for v in values) / n) ** 0.5
    return round(mean, 2), median, round(sd, 3), ordered[0], ordered[-1]

print("final:", stats([s["final"] for s in SCORES.values()]))
print("midterm:", stats([s["midterm"] for s in SCORES.values()]))
for i in range(3):
    print(f"hw{i + 1}:", stats([s["hw"][i] for s in SCORES.values()]))
dist = {}
for score in results.values():
    g = letter(score)
    dist[g] = dist.get(g, 0) + 1
print({g: dist.get(g, 0) for g in "ABCDF"})
improved = [n for n, s in SCORES.items() if s["final"] > s["midterm"]]
print("improved:", improved)
