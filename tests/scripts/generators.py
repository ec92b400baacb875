# Generators: yield, send, yield from, generator expressions, cleanup.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count_up(4)), sum(count_up(5)), [x * 2 for x in count_up(3)])
g = count_up(2)
print(next(g), next(g), next(g, "end"))
for v in count_up(3):
    print("v", v)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for x in fib():
    if x > 50:
        break
    out.append(x)
print(out)
print(sum(x * x for x in range(10)), any(x > 3 for x in [1, 5]), ", ".join(str(i) for i in range(4)))
print(max(len(w) for w in ["a", "abc", "ab"]), sorted((x % 3, x) for x in range(5)))

def echo():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value

e = echo()
print(next(e), e.send(5), e.send(10))

def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain([1, 2], "ab", count_up(2))))

def delegator():
    result = yield from count_up(2)
    yield result

print(list(delegator()))

def noisy(n):
    for i in range(n):
        print("produce", i)
        yield i

for v in noisy(2):
    print("consume", v)

def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

print(list(with_finally()))
gen = (c.upper() for c in "abc")
print(next(gen), list(gen), list(gen))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as err:
    print("RuntimeError:", err)
