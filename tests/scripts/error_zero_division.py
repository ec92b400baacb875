# Statistics helpers; averaging an empty group raises an uncaught ZeroDivisionError.
groups = {"a": [4, 8, 15], "b": [16, 23, 42], "c": [7], "d": []}

def mean(xs):
    return sum(xs) / len(xs)

def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)

for name in ["a", "b", "c"]:
    xs = groups[name]
    print(name, round(mean(xs), 3), round(variance(xs), 3))

def safe_ratio(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")

print(safe_ratio(1, 4), safe_ratio(1, 0), safe_ratio(-1, 0) if False else "skip")
try:
    5 // 0
except ZeroDivisionError as e:
    print("caught:", e)
print({name: mean(xs) for name, xs in groups.items()})
