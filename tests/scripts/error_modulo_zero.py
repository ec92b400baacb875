# Round-robin slot assignment that ends with modulo by zero when no slots remain (uncaught).
def assign(tasks, slots):
    return {t: slots[i % len(slots)] for i, t in enumerate(tasks)}

print(assign(["a", "b", "c"], ["s1", "s2"]))
print(7 % 3, -7 % 3)
print(assign(["x"], []) if False else "skip")
count = 0
print(10 % count)
