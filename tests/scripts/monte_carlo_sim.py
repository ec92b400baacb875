# Seeded Monte Carlo estimates: pi, the birthday paradox and a random walk's distance.
import random
import math

random.seed(2024)
inside = 0
N = 20000
for _ in range(N):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1:
        inside += 1
estimate = 4 * inside / N
print(f"pi ~ {estimate:.4f} (error {abs(estimate - math.pi):.4f})")

def shared_birthday(people):
    seen = set()
    for _ in range(people):
        day = random.randrange(365)
        if day in seen:
            return True
        seen.add(day)
    return False

for people in (10, 23, 40):
    trials = 400
    hits = sum(1 for _ in range(trials) if shared_birthday(people))
    exact = 1.0
    for i in range(people):
        exact *= (365 - i) / 365
    print(f"{people} people: simulated {hits / trials:.3f}, exact {1 - exact:.3f}")

def walk(steps):
    x = y = 0
    for _ in range(steps):
        dx, dy = random.choice([(1, 0), (-1, 0), (0, 1), (0, -1)])
        x += dx
        y += dy
    return x, y

dists = [math.hypot(*walk(100)) for _ in range(200)]
print(f"mean distance after 100 steps: {sum(dists) / len(dists):.3f} (sqrt(100) = 10)")
print(walk(10), round(random.uniform(-1, 1), 6))
