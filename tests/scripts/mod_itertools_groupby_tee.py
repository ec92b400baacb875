# itertools: groupby (groups that go stale as the groupby moves on) and
# tee (independent iterators sharing one source).
import itertools
from itertools import groupby, tee, islice, count


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", result)


def trace(name, items):
    for x in items:
        print("  %s gives %r" % (name, x))
        yield x


# groupby
print([k for k, g in groupby("AAAABBBCCDAABBB")])
print([list(g) for k, g in groupby("AAAABBBCCD")])
print([(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3, 3, 1])])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for letter, group in groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
for parity, group in groupby(range(10), lambda n: n // 3):
    print(parity, tuple(group))
print(list(groupby([])))
print([(k, list(g)) for k, g in groupby([1, 1.0, True, 2, 2.0])])

# a group is valid only until the groupby advances
groups = [(k, g) for k, g in groupby("aabbbc")]
print([(k, list(g)) for k, g in groups])
gb = groupby("xxyz")
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2))
gb = groupby(trace("src", "aabb"))
k, g = next(gb)
print("first key", k)
print(list(g))
k, g = next(gb)
print("second key", k, list(g))
print(next(gb, "done"))
print(type(g).__name__, type(gb).__name__)

# keys are compared with ==, the group's key on the left


class Key:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("  compare", self.v, other.v)
        return self.v // 10 == other.v // 10

    def __repr__(self):
        return "Key(%d)" % self.v


for k, g in groupby([11, 12, 25, 27], key=Key):
    print(k, list(g))

show("groupby()", lambda: groupby())
show("groupby(1)", lambda: groupby(1))
show("groupby([1], None, 2)", lambda: groupby([1], None, 2))
show("groupby([1], keyfunc=len)", lambda: groupby([1], keyfunc=len))
show("list(groupby([1], key=len))", lambda: list(groupby([1], key=len)))
print([(k, list(g)) for k, g in groupby(iterable="aab", key=None)])

# tee
a, b = tee([1, 2, 3])
print(list(a), list(b))
a, b, c = tee("abc", 3)
print(next(a), next(a), next(b), list(c), list(a), list(b))
print(tee([1], 0), len(tee([1], 1)), type(tee([])[0]).__name__)
src = trace("src", range(3))
x, y = tee(src)
print(next(x))
print(next(y))
print(list(x), list(y))
# a tee of a tee object copies it
x, y = tee(iter("hello"))
next(x)
z, w = tee(x)
print("".join(z), "".join(w), "".join(y))
x, = tee("ab", 1)
print(list(x))
u = itertools._tee([5, 6])
v = u.__copy__()
print(next(u), list(v), list(u))
# tee over an infinite iterator, read unevenly
evens, odds = tee(count())
print(list(islice(evens, 0, 10, 2)), list(islice(odds, 1, 10, 2)))
# an error from the source reaches whichever tee asks


def failing():
    yield 1
    raise ValueError("source broke")


p, q = tee(failing())
print(next(p), next(q))
show("next(p)", lambda: next(p))
show("tee()", lambda: tee())
show("tee(1)", lambda: tee(1))
show("tee([1], -1)", lambda: tee([1], -1))
show("tee([1], 'a')", lambda: tee([1], "a"))
show("tee([1], 2.0)", lambda: tee([1], 2.0))
show("tee([1], 2, 3)", lambda: tee([1], 2, 3))
show("tee([1], n=2)", lambda: tee([1], n=2))
show("itertools._tee()", lambda: itertools._tee())
