# A report generator with a undefined variable in a rarely used branch: NameError.
def summarize(values, verbose=False):
    total = sum(values)
    count = len(values)
    if verbose:
        print(f"values: {values}")
        print(f"count: {count}, mean: {average_value_of_things}")
    return total, count

print(summarize([1, 2, 3]))
print(summarize([10, 20]))
try:
    print(summarize([5], verbose=True))
except NameError as e:
    print("handled:", e)
print(summarize([4, 5, 6], True))
