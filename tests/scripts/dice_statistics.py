# Seeded dice simulations: distribution of 2d6, histogram bars, expected values and a dice game.
import random

random.seed(99)
rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(1000)]
counts = {s: rolls.count(s) for s in range(2, 13)}
for s, n in counts.items():
    expected = (6 - abs(7 - s)) / 36 * 1000
    print(f"{s:>2} {n:>4} {expected:7.1f} {'#' * (n // 10)}")
mean = sum(rolls) / len(rolls)
print(f"mean {mean:.3f} min {min(rolls)} max {max(rolls)} mode {max(counts, key=counts.get)}")

def play_pig(target, strategies):
    scores = [0] * len(strategies)
    turn = 0
    history = []
    while max(scores) < target:
        pot = 0
        while True:
            die = random.randint(1, 6)
            if die == 1:
                pot = 0
                break
            pot += die
            if pot >= strategies[turn] or scores[turn] + pot >= target:
                break
        scores[turn] += pot
        history.append((turn, pot))
        turn = (turn + 1) % len(strategies)
    return scores, len(history)

wins = [0, 0, 0]
for game in range(60):
    scores, turns = play_pig(50, [10, 20, 30])
    wins[scores.index(max(scores))] += 1
    if game < 3:
        print("game", game, scores, turns)
print("wins by hold-at 10/20/30:", wins)
print(random.uniform(1, 2), random.randrange(0, 100, 5), random.sample(range(1, 50), 6))
