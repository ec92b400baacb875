# More of the random module: independent Random instances, gauss, choices with weights, seeding with a string.
import random

rng = random.Random(42)
print(rng.randint(1, 100), rng.random(), rng.choice("abcdef"))
random.seed(7)
print([round(random.gauss(0, 1), 6) for _ in range(3)])
print(random.choices(["red", "green", "blue"], weights=[5, 1, 1], k=8))
random.seed("shoal")
print(random.random())
