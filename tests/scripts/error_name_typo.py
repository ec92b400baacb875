# A report generator with a misspelled variable in a rarely used branch: NameError.
def summarize(values, verbose=False):
    total = sum(values)
    count = len(values)
    if verbose:
        print(f"values: {values}")
        print(f"count: {count}, mean: {totl / count}")
    return total, count

print(summarize([1, 2, 3]))
print(summarize([10, 20]))
try:
    print(summarize([5], verbose=True))
except NameError as e:
    print("handled:", e)
print(summarize([4, 5, 6], True))
