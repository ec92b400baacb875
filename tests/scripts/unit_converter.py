# A unit converter with conversion tables, a graph search for indirect conversions and formatted output.
FACTORS = {
    ("km", "m"): 1000, ("m", "cm"): 100, ("cm", "mm"): 10, ("mi", "ft"): 5280,
    ("ft", "in"): 12, ("in", "cm"): 2.54, ("kg", "g"): 1000, ("lb", "oz"): 16,
    ("lb", "g"): 453.59237, ("h", "min"): 60, ("min", "s"): 60, ("day", "h"): 24,
}
GRAPH = {}
for (a, b), f in FACTORS.items():
    GRAPH.setdefault(a, {})[b] = f
    GRAPH.setdefault(b, {})[a] = 1 / f

def convert(value, src, dst):
    if src == dst:
        return value
    seen = {src: 1.0}
    queue = [src]
    while queue:
        u = queue.pop(0)
        for v, f in sorted(GRAPH.get(u, {}).items()):
            if v not in seen:
                seen[v] = seen[u] * f
                if v == dst:
                    return value * seen[v]
                queue.append(v)
    raise ValueError(f"cannot convert {src} to {dst}")

def temperature(value, src, dst):
    to_c = {"C": lambda v: v, "F": lambda v: (v - 32) * 5 / 9, "K": lambda v: v - 273.15}
    from_c = {"C": lambda v: v, "F": lambda v: v * 9 / 5 + 32, "K": lambda v: v + 273.15}
    return from_c[dst](to_c[src](value))

queries = [(5, "km", "mm"), (1, "mi", "km"), (26.2, "mi", "m"), (1, "day", "s"), (3, "lb", "kg"),
           (10, "in", "mm"), (90, "min", "day"), (1, "ft", "ft")]
for v, a, b in queries:
    print(f"{v:>6} {a:<3} = {convert(v, a, b):>14.4f} {b}")
for v, a, b in [(100, "C", "F"), (32, "F", "C"), (0, "K", "C"), (-40, "C", "F"), (300, "K", "F")]:
    print(f"{v:>6} {a} = {temperature(v, a, b):8.2f} {b}")
print(sorted(GRAPH["cm"]), len(GRAPH))
try:
    convert(1, "kg", "m")
except ValueError as e:
    print("ValueError:", e)
