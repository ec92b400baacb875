# A Bag (multiset) container class: __len__, __contains__, __iter__, __getitem__, __eq__, __add__, __sub__, __bool__.
class Bag:
    def __init__(self, items=()):
        self.counts = {}
        for x in items:
            self.add(x)

    def add(self, x, n=1):
        self.counts[x] = self.counts.get(x, 0) + n
        return self

    def discard(self, x, n=1):
        if x in self.counts:
            self.counts[x] -= n
            if self.counts[x] <= 0:
                del self.counts[x]

    def __len__(self):
        return sum(self.counts.values())

    def __contains__(self, x):
        return x in self.counts

    def __getitem__(self, x):
        return self.counts.get(x, 0)

    def __iter__(self):
        for x in sorted(self.counts):
            for _ in range(self.counts[x]):
                yield x

    def __eq__(self, other):
        return self.counts == other.counts

    def __add__(self, other):
        out = Bag(self)
        for x, n in other.counts.items():
            out.add(x, n)
        return out

    def __sub__(self, other):
        out = Bag(self)
        for x, n in other.counts.items():
            out.discard(x, n)
        return out

    def __bool__(self):
        return bool(self.counts)

    def most_common(self, k=None):
        ordered = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return ordered if k is None else ordered[:k]

    def __repr__(self):
        return "Bag(" + ", ".join(f"{x!r}: {n}" for x, n in sorted(self.counts.items())) + ")"

letters = Bag("mississippi")
print(letters, len(letters), letters["s"], letters["z"], "p" in letters, "q" in letters)
print(list(letters), letters.most_common(2))
other = Bag("misp")
print(letters - other, letters + other, (letters - letters), bool(letters - letters))
print(Bag("listen") == Bag("silent"), Bag("abc") == Bag("abd"))
inventory = Bag()
for item, n in [("arrow", 20), ("potion", 3), ("arrow", -5), ("shield", 1)]:
    inventory.add(item, n)
inventory.discard("potion")
inventory.discard("shield", 5)
print(inventory, len(inventory), inventory.most_common())
words = Bag("to be or not to be that is the question".split())
print(words.most_common(3), sum(1 for _ in words))
