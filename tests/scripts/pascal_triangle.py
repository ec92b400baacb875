# Pascal's triangle: row generation, centred printing, binomial identities and Sierpinski pattern.
def rows(n):
    row = [1]
    for _ in range(n):
        yield row
        row = [a + b for a, b in zip([0] + row, row + [0])]

tri = list(rows(10))
width = len(" ".join(map(str, tri[-1])))
for r in tri:
    print(" ".join(map(str, r)).center(width).rstrip())
print([sum(r) for r in tri])
print(all(sum(r) == 2 ** i for i, r in enumerate(tri)))
print([tri[i][2] for i in range(2, 10)])
for r in rows(16):
    print("".join("*" if x % 2 else " " for x in r).rstrip())
def choose(n, k):
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result
print(choose(30, 15), choose(52, 5), [choose(9, k) for k in range(10)] == tri[9])
