# A seeded card deck: shuffling, dealing poker hands, classifying them and tallying results.
import random

RANKS = "23456789TJQKA"
SUITS = "cdhs"

def new_deck():
    return [r + s for s in SUITS for r in RANKS]

def classify(hand):
    values = sorted((RANKS.index(c[0]) for c in hand), reverse=True)
    suits = [c[1] for c in hand]
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    shape = sorted(counts.values(), reverse=True)
    flush = len(set(suits)) == 1
    straight = len(counts) == 5 and (values[0] - values[4] == 4 or values == [12, 3, 2, 1, 0])
    if straight and flush:
        return "straight flush"
    if shape == [4, 1]:
        return "four of a kind"
    if shape == [3, 2]:
        return "full house"
    if flush:
        return "flush"
    if straight:
        return "straight"
    if shape == [3, 1, 1]:
        return "three of a kind"
    if shape == [2, 2, 1]:
        return "two pair"
    if shape == [2, 1, 1, 1]:
        return "pair"
    return "high card"

random.seed(12345)
deck = new_deck()
random.shuffle(deck)
print(deck[:10])
hands = [deck[i * 5:(i + 1) * 5] for i in range(4)]
for i, h in enumerate(hands):
    print(f"player {i + 1}: {' '.join(h)}  {classify(h)}")
print(classify(["Ah", "Kh", "Qh", "Jh", "Th"]), classify(["As", "2d", "3c", "4h", "5s"]), classify(["9s", "9d", "9c", "4h", "4s"]))
tally = {}
for _ in range(300):
    hand = random.sample(deck, 5)
    kind = classify(hand)
    tally[kind] = tally.get(kind, 0) + 1
for kind, n in sorted(tally.items(), key=lambda kv: -kv[1]):
    print(f"{kind:<16}{n:>4}")
print(random.choice(deck), random.randint(1, 52), random.random())
