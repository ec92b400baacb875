# heapq: the heap functions keep CPython's exact list layout, comparison
# for comparison; nlargest, nsmallest and merge.
import heapq
from heapq import heappush, heappop, heapify, heapreplace, heappushpop, nlargest, nsmallest, merge
import random


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 6, 0, 4]:
    heappush(h, x)
    print(h)
print([heappop(h) for _ in range(len(h))], h)

data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 5, 5]
heapify(data)
print(data)
print(heapreplace(data, 10), data)
print(heappushpop(data, -1), data)
print(heappushpop(data, 4), data)
print(heappushpop([], 3), heapreplace([1], 2))

rng = random.Random(12345)
for trial in range(3):
    items = [rng.randrange(100) for _ in range(25)]
    heap = list(items)
    heapify(heap)
    print(heap)
    pushed = []
    for x in items:
        heappush(pushed, x)
    print(pushed)
    out = [heappop(pushed) for _ in range(len(pushed))]
    assert out == sorted(items)
    for x in items[:10]:
        heapreplace(heap, x * 2)
    print(heap)

# tuples as priority queue entries
tasks = []
heappush(tasks, (2, "write code"))
heappush(tasks, (1, "write spec"))
heappush(tasks, (3, "test"))
heappush(tasks, (1, "plan"))
while tasks:
    print(heappop(tasks))

# exactly which comparisons are made


class Item:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("  %d < %d" % (self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return "I%d" % self.v


h = [Item(v) for v in [4, 1, 3, 2]]
heapify(h)
print(h)
heappush(h, Item(0))
print(heappop(h), h)
print(heappushpop(h, Item(5)), h)

show("heappop([])", lambda: heappop([]))
show("heapreplace([], 1)", lambda: heapreplace([], 1))
show("heappush(1, 2)", lambda: heappush(1, 2))
show("heappush((), 2)", lambda: heappush((), 2))
show("heappop(1)", lambda: heappop(1))
show("heapify(1)", lambda: heapify(1))
show("heapreplace(1, 1)", lambda: heapreplace(1, 1))
show("heappushpop(1, 1)", lambda: heappushpop(1, 1))
show("heappush([1], 'a')", lambda: heappush([1], "a"))

# nlargest and nsmallest
nums = [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]
print(nlargest(3, nums), nsmallest(3, nums), nlargest(1, nums), nsmallest(1, nums))
print(nlargest(0, nums), nsmallest(-1, nums), nlargest(20, nums), nsmallest(20, nums))
print(nlargest(3, iter(nums)), nsmallest(4, iter(nums)), nlargest(2, []), nsmallest(1, []))
print(nlargest(3, (x for x in nums)), nsmallest(0, iter(nums)))
portfolio = [
    {"name": "IBM", "shares": 100, "price": 91.1},
    {"name": "AAPL", "shares": 50, "price": 543.22},
    {"name": "FB", "shares": 200, "price": 21.09},
    {"name": "HPQ", "shares": 35, "price": 31.75},
    {"name": "YHOO", "shares": 45, "price": 16.35},
    {"name": "ACME", "shares": 75, "price": 115.65},
]
print([s["name"] for s in nsmallest(3, portfolio, key=lambda s: s["price"])])
print([s["name"] for s in nlargest(3, iter(portfolio), key=lambda s: s["price"])])
print([s["name"] for s in nlargest(1, portfolio, key=lambda s: s["shares"])])
words = ["bb", "a", "ccc", "dd", "e", "fff", "gg"]
print(nsmallest(3, iter(words), key=len), nlargest(3, iter(words), key=len))
print(nsmallest(4, words, key=len), nlargest(4, words, key=len))
# equal keys keep their input order, as sorted() would
mixed = [1, 1.0, True, 2, 2.0, 0, 0.0, False]
print(nsmallest(3, iter(mixed)), nlargest(3, iter(mixed)), nsmallest(5, mixed))
for trial in range(20):
    seq = [rng.randrange(30) for _ in range(rng.randrange(40))]
    n = rng.randrange(10)
    assert nsmallest(n, iter(seq)) == sorted(seq)[:n]
    assert nlargest(n, iter(seq)) == sorted(seq, reverse=True)[:n]
    assert nsmallest(n, iter(seq), key=lambda v: v % 7) == sorted(seq, key=lambda v: v % 7)[:n]
    assert nlargest(n, iter(seq), key=lambda v: -v) == sorted(seq, key=lambda v: -v, reverse=True)[:n]
print("nsmallest/nlargest agree with sorted")
show("nlargest(2, 1)", lambda: nlargest(2, 1))
show("nsmallest('a', [1])", lambda: nsmallest("a", [1]))
show("nsmallest(2.5, [1, 2, 3])", lambda: nsmallest(2.5, [1, 2, 3]))

# merge
print(list(merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(merge(["dog", "horse"], ["cat", "fish", "kangaroo"], key=len)))
print(list(merge([7, 5, 1], [8, 2], [6, 3, 0], reverse=True)))
print(list(merge(["ccc", "a"], ["bb", "dd", ""], key=len, reverse=True)))
print(list(merge()), list(merge([])), list(merge([], [1])), list(merge(iter([2, 4]))))
print(list(merge([1, 2], [1.0, 2.0], [True])))
print(list(merge("ace", "bdf")))
m = merge([1, 4], [2, 3])
print(type(m).__name__, next(m), next(m), list(m))
show("list(merge([1], 2))", lambda: list(merge([1], 2)))
pairs = [(1, "a"), (3, "c")], [(1, "b"), (2, "x")]
print(list(merge(*pairs, key=lambda p: p[0])))
print(heapq.__all__)

# the max-heap helpers merge(reverse=True) and nsmallest use
mh = [3, 1, 4, 1, 5, 9, 2, 6]
heapq._heapify_max(mh)
print(mh, heapq._heappop_max(mh), mh, heapq._heapreplace_max(mh, 0), mh)
show("_heappop_max([])", lambda: heapq._heappop_max([]))

# comparisons made by merge and by nsmallest
print(list(merge([Item(1), Item(4)], [Item(2), Item(3)])))
print(nsmallest(2, iter([Item(5), Item(3), Item(4), Item(1)]), key=lambda i: i.v))

# a scheduler: a priority queue with a counter for ties
queue = []
counter = 0
for prio, job in [(2, "b"), (1, "a"), (2, "c"), (0, "z"), (1, "d")]:
    heappush(queue, (prio, counter, job))
    counter += 1
print([heappop(queue)[2] for _ in range(len(queue))])

# dijkstra on a small graph
graph = {"A": {"B": 7, "C": 9, "F": 14}, "B": {"A": 7, "C": 10, "D": 15},
         "C": {"A": 9, "B": 10, "D": 11, "F": 2}, "D": {"B": 15, "C": 11, "E": 6},
         "E": {"D": 6, "F": 9}, "F": {"A": 14, "C": 2, "E": 9}}
dist = {"A": 0}
pq = [(0, "A")]
while pq:
    d, node = heappop(pq)
    if d > dist.get(node, float("inf")):
        continue
    for nxt, w in graph[node].items():
        nd = d + w
        if nd < dist.get(nxt, float("inf")):
            dist[nxt] = nd
            heappush(pq, (nd, nxt))
print(sorted(dist.items()))
