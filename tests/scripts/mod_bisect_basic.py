# bisect: bisect_left/right, insort_left/right, with lo, hi and key.
import bisect
from bisect import bisect_left, bisect_right, insort_left, insort_right, insort


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 3, 4, 8, 9, 2.5, 1.0]:
    print(x, bisect_left(a, x), bisect_right(a, x), bisect.bisect(a, x))
print(bisect_left([], 5), bisect_right([], 5))
print(bisect_left(a, 2, 2), bisect_right(a, 2, 0, 3), bisect_left(a, 2, lo=4), bisect_right(a, 2, hi=2))
print(bisect_left(a, 8, 0, 4), bisect_right(a, 0, 3, 5), bisect_left(a, 2, 5, 1), bisect_right(a, 2, 0, -3))
print(bisect_right([], 1, 5), bisect_left(a, 2, True), bisect_right(a, 2, 0, None))
print(bisect.bisect is bisect_right, bisect.insort is insort_right)


# grades, the classic table lookup
def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect_right(breakpoints, score)]


print([grade(score) for score in [33, 99, 77, 70, 89, 90, 100]])

# strings, tuples, ranges
print(bisect_left("acegi", "f"), bisect_right(("a", "b", "b"), "b"), bisect_left(range(0, 100, 5), 42))

# key
records = [("alice", 21), ("bob", 25), ("carol", 25), ("dave", 30)]
age = lambda r: r[1]
print(bisect_left(records, 25, key=age), bisect_right(records, 25, key=age))
print(bisect_left(records, 26, key=age), bisect_right(records, 100, key=age), bisect_left(records, 0, key=age))
print(bisect_right(records, 25, 0, 2, key=age), bisect_left(records, 25, lo=3, key=age))
words = ["a", "bb", "ccc", "dddd"]
print(bisect_left(words, 2, key=len), bisect_right(words, 2, key=len))

# insort
lst = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    insort(lst, x)
print(lst)
mixed = [1, 2, 3]
insort_left(mixed, 2.0)
insort_right(mixed, 2.0)
insort_left(mixed, True)
insort_right(mixed, 3.0)
print(mixed)
people = []
for p in [("x", 3), ("y", 1), ("z", 3), ("w", 2), ("v", 1)]:
    insort_right(people, p, key=age)
print(people)
people2 = []
for p in [("x", 3), ("y", 1), ("z", 3), ("w", 2), ("v", 1)]:
    insort_left(people2, p, key=age)
print(people2)
part = [9, 1, 3, 5, 0]
insort(part, 4, 1, 4)
print(part)
insort_left(part, 7, lo=6)
print(part)

# which items are compared, and how


class Probe:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("  %r < %r" % (self, other))
        return self.v < (other.v if isinstance(other, Probe) else other)

    def __repr__(self):
        return "P%d" % self.v


probes = [Probe(v) for v in range(0, 20, 2)]
print(bisect_right(probes, Probe(7)))
print(bisect_left(probes, Probe(7)))
print(bisect_left(probes, Probe(8), 3, 6))

show("bisect_left(a, 1, -1)", lambda: bisect_left(a, 1, -1))
show("bisect_right(a, 1, -1)", lambda: bisect_right(a, 1, -1))
show("insort(a, 1, -1)", lambda: insort(list(a), 1, -1))
show("bisect_right(a, 1, 1.5)", lambda: bisect_right(a, 1, 1.5))
show("bisect_right(a, 1, hi=1.5)", lambda: bisect_right(a, 1, hi=1.5))
show("bisect_right(a, 1, hi='x')", lambda: bisect_right(a, 1, hi="x"))
show("bisect_right(1, 1)", lambda: bisect_right(1, 1))
show("bisect_right([1, 2, 3], 2, 0, 10)", lambda: bisect_right([1, 2, 3], 2, 0, 10))
show("bisect_right([1, 'a'], 1)", lambda: bisect_right([1, "a"], 1))
show("bisect_left([1, 2], 'a')", lambda: bisect_left([1, 2], "a"))
show("insort((1, 2), 1)", lambda: insort((1, 2), 1))
show("bisect_right(a, 2, key=1)", lambda: bisect_right(a, 2, key=1))
print(bisect_right(a=[1, 2], x=1), bisect_left([1, 2], 2, key=None), insort([1], 0, key=None))
