# Word ladder search: BFS over one-letter changes within a word list, with path reconstruction.
WORDS = """cold cord card ward warm word worm wore core care dare date gate game came same
sale tale tall ball bell belt bolt boat coat cost cast case cash wash wish fish fist mist most
host hose rose rise wise wine mine mind kind king ring rung lung long song sing wing wind""".split()
WORDSET = set(WORDS)

def neighbours(word):
    out = []
    for i in range(len(word)):
        for c in "abcdefghijklmnopqrstuvwxyz":
            if c != word[i]:
                cand = word[:i] + c + word[i + 1:]
                if cand in WORDSET:
                    out.append(cand)
    return out

def ladder(start, goal):
    if start not in WORDSET or goal not in WORDSET:
        raise KeyError(f"unknown word: {start if start not in WORDSET else goal}")
    prev = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for w in frontier:
            for n in neighbours(w):
                if n not in prev:
                    prev[n] = w
                    if n == goal:
                        path = [n]
                        while prev[path[-1]]:
                            path.append(prev[path[-1]])
                        return path[::-1]
                    nxt.append(n)
        frontier = nxt
    return None

for a, b in [("cold", "warm"), ("came", "bolt"), ("fish", "mist"), ("kind", "song"), ("rose", "wine"), ("cold", "king")]:
    path = ladder(a, b)
    print(f"{a} -> {b}: " + (" > ".join(path) + f" ({len(path) - 1} steps)" if path else "no ladder"))
degree = sorted(((len(neighbours(w)), w) for w in WORDS), reverse=True)[:5]
print(degree)
try:
    ladder("cold", "heat")
except KeyError as e:
    print("KeyError:", e)
