# random.Random instances and every distribution draw the numbers CPython draws for the same seed; state save and restore.
import random

for seed in [0, 1, -5, 2**40, 3.5, "x", b"bytes", "", "é€", True, 2.0]:
    r = random.Random(seed)
    print(repr(seed), r.random(), r.randrange(10), r.getrandbits(40), r.randbytes(5), r.gauss(1, 2), r.gauss(1, 2))

r = random.Random(99)
print(r.normalvariate(), r.lognormvariate(0, 1), r.expovariate(2), r.triangular(), r.triangular(1, 5, 2))
print(r.vonmisesvariate(1, 2), r.vonmisesvariate(0, 0), r.gammavariate(0.5, 1), r.gammavariate(1, 2), r.gammavariate(3, 1))
print(r.betavariate(2, 3), r.paretovariate(3), r.weibullvariate(1, 2), r.uniform(1, 2))
deck = list(range(20))
r.shuffle(deck)
print(deck, r.sample(range(100), 5), r.sample("abcdefghij", k=3), r.sample(["x", "y"], 4, counts=[3, 2]))
print(r.choices(range(10), k=5), r.choices("ab", cum_weights=[1, 10], k=4), r.choices(["a", "b", "c"], [0.5, 2, 1], k=6))

saved = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(saved)
print(first == [r.random() for _ in range(3)], len(saved[1]), saved[0])
other = random.Random()
other.setstate(saved)
print(other.random() == r.random() or "different")

random.seed(5)
x = random.random()
print(x == random.Random(5).random(), type(r).__name__)
a, b = random.Random(7), random.Random(7)
print([a.randint(1, 6) for _ in range(10)] == [b.randint(1, 6) for _ in range(10)])
print(random.Random(3).randbytes(9), random.Random(3).randbytes(0))
for bad in [lambda: random.choice({1, 2}), lambda: random.sample({1, 2}, 1), lambda: random.seed([1]), lambda: random.choices([1, 2], 3)]:
    try:
        bad()
    except TypeError as e:
        print(e)
for bad in [lambda: r.choices([1], [0]), lambda: r.choices([1, 2], [1]), lambda: r.sample([1], 2), lambda: r.gammavariate(0, 1)]:
    try:
        bad()
    except ValueError as e:
        print(e)
