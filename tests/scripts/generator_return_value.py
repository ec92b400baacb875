# Generators that return a summary value, read through StopIteration.value and yield from.
def reader(lines):
    count = 0
    for line in lines:
        if line.strip():
            count += 1
            yield line.strip()
    return count

def wrapper(lines):
    total = yield from reader(lines)
    print("delegated count:", total)

print(list(wrapper(["a", "", "b", "c"])))
g = reader(["x", "y"])
print(next(g), next(g))
try:
    next(g)
except StopIteration as stop:
    print("returned", stop.value)
