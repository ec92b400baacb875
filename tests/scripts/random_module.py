# random: seeded draws identical to CPython (MT19937).
import random
random.seed(2024)
print(random.random(), random.randint(1, 6), random.randrange(10), random.randrange(5, 50, 5))
deck = list(range(10))
random.shuffle(deck)
print(deck, random.choice("abcdef"), round(random.uniform(1.5, 2.5), 10))
print(random.sample(range(100), 5), random.sample(["a", "b", "c"], 2), random.getrandbits(20))
random.seed(7)
print([random.randint(0, 100) for _ in range(8)])
random.seed(12345678901234)
print(random.random())
