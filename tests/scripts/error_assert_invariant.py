# A sorted-list class that checks its invariant with assert; a bad direct edit trips it.
class SortedList:
    def __init__(self, items=()):
        self.items = sorted(items)
        self.check()

    def check(self):
        for a, b in zip(self.items, self.items[1:]):
            assert a <= b, f"order broken: {a} > {b}"

    def insert(self, x):
        lo, hi = 0, len(self.items)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.items[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        self.items.insert(lo, x)
        self.check()
        return lo

    def __contains__(self, x):
        return x in self.items

    def __len__(self):
        return len(self.items)

s = SortedList([5, 1, 9])
print(s.items, s.insert(4), s.insert(10), s.insert(0), s.items)
print(4 in s, 7 in s, len(s))
s.items.append(3)
s.insert(6)
