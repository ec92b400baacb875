# Elementary cellular automata (rules 30, 90, 110) and a 1D traffic model, printed as text.
def step(cells, rule):
    n = len(cells)
    table = [(rule >> i) & 1 for i in range(8)]
    return [table[(cells[(i - 1) % n] << 2) | (cells[i] << 1) | cells[(i + 1) % n]] for i in range(n)]

def run(rule, width=31, gens=12):
    cells = [0] * width
    cells[width // 2] = 1
    rows = []
    for _ in range(gens):
        rows.append("".join("#" if c else "." for c in cells))
        cells = step(cells, rule)
    return rows

for rule in (30, 90, 110):
    print(f"rule {rule}:")
    for row in run(rule):
        print("  " + row)
center = []
cells = [0] * 41
cells[20] = 1
for _ in range(20):
    center.append(cells[20])
    cells = step(cells, 30)
print("rule 30 centre column:", "".join(map(str, center)))

road = list("..>>.>...>>>..>.....")
history = []
for t in range(8):
    history.append("".join(road))
    n = len(road)
    road = [
        ">" if (road[i] == ">" and road[(i + 1) % n] == ">") or (road[i] == "." and road[(i - 1) % n] == ">") else "."
        for i in range(n)
    ]
print("\n".join(history))
print([h.count(">") for h in history])
