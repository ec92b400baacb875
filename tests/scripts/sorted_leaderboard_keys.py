# Leaderboards with sorted(): key functions, reverse, stability, multi-key tuples, and itemgetter-style lambdas.
players = [
    {"name": "Zed", "score": 1200, "time": 340, "level": 7},
    {"name": "amy", "score": 1500, "time": 410, "level": 9},
    {"name": "Bob", "score": 1200, "time": 300, "level": 7},
    {"name": "cleo", "score": 900, "time": 200, "level": 5},
    {"name": "Dan", "score": 1500, "time": 390, "level": 8},
    {"name": "eve", "score": 1200, "time": 340, "level": 6},
]

def show(title, rows):
    print(title)
    for rank, p in enumerate(rows, 1):
        print(f"  {rank}. {p['name']:<5} {p['score']:>5} {p['time']:>4}s lv{p['level']}")

show("by score, high first (ties keep input order):", sorted(players, key=lambda p: p["score"], reverse=True))
show("score desc, then time asc:", sorted(players, key=lambda p: (-p["score"], p["time"])))
show("name, case-insensitive:", sorted(players, key=lambda p: p["name"].lower()))
print("name, plain:", [p["name"] for p in sorted(players, key=lambda p: p["name"])])

# Stability: sort by secondary key first, then primary.
by_level = sorted(players, key=lambda p: p["level"], reverse=True)
by_score_then_level = sorted(by_level, key=lambda p: p["score"], reverse=True)
print([(p["name"], p["score"], p["level"]) for p in by_score_then_level])

# reverse=True is not the same as reversing the sorted list when there are ties.
names = ["bb", "a", "cc", "d", "ee"]
print(sorted(names, key=len, reverse=True), list(reversed(sorted(names, key=len))))

# Sorting other containers.
scores = {"amy": 1500, "bob": 1200, "cleo": 900, "dan": 1500}
print(sorted(scores), sorted(scores, key=scores.get), sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
print(sorted("Shoal VM"), sorted("Shoal VM", key=str.lower), sorted((3, 1, 2), reverse=True))
print(sorted([[2, "b"], [1, "z"], [2, "a"]]), sorted([-5, 3, -1, 4], key=abs))
print(max(players, key=lambda p: (p["score"], -p["time"]))["name"], min(players, key=lambda p: p["time"])["name"])

# list.sort in place returns None; sorting a copy leaves the original untouched.
times = [p["time"] for p in players]
copy = sorted(times)
print(times.sort(), times == copy, times)
times.sort(key=lambda t: (t % 100, t), reverse=True)
print(times)
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(set(len(w) for w in words)))
mixed = [3, "3", 1]
print(sorted(mixed))
