# itertools: the infinite iterators (count, cycle, repeat) and islice,
# which is how one takes a finite part of them.
from itertools import count, cycle, repeat, islice
import itertools


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", result)


# count
c = count()
print(next(c), next(c), next(c), c)
c = count(10)
print([next(c) for _ in range(3)], repr(c))
c = count(5, -2)
print(list(islice(c, 5)), c)
c = count(0.5, 0.25)
print(list(islice(c, 4)), c)
c = count(1, 0.5)
print(list(islice(c, 3)), c)
c = count(step=3)
print(list(islice(c, 3)), c)
c = count(start=2, step=1)
print(list(islice(c, 3)), c)
c = count(True)
print(next(c), next(c), c)
c = count(2 ** 63 - 2)
print(next(c), next(c), next(c), c)
c = count(0, 2 ** 64)
print(next(c), next(c), c)
c = count(1.0, True)
print(next(c), next(c), c)
print(type(count()).__name__, isinstance(count(), count), iter(c) is c)
print(list(zip(count(1), "abc")))
print(dict(zip("xyz", count(100, 10))))

show("count('a')", lambda: count("a"))
show("count(1, 'a')", lambda: count(1, "a"))
show("count(1, 2, 3)", lambda: count(1, 2, 3))
show("count(x=1)", lambda: count(x=1))
show("count(1, start=2)", lambda: count(1, start=2))
show("count(None)", lambda: count(None))

# cycle
c = cycle("abc")
print("".join(next(c) for _ in range(8)))
c = cycle([])
print(list(c))
c = cycle(range(2))
print([next(c) for _ in range(5)])


def noisy():
    for i in range(3):
        print("  produce", i)
        yield i


c = cycle(noisy())
print([next(c) for _ in range(7)])
show("cycle()", lambda: cycle())
show("cycle(1)", lambda: cycle(1))
show("cycle([1], [2])", lambda: cycle([1], [2]))
show("cycle(x=1)", lambda: cycle(x=1))

# repeat
print(list(repeat("ab", 3)), list(repeat(None, 0)), list(repeat(7, -2)))
r = repeat(1, 3)
print(r, r.__length_hint__(), next(r), r, r.__length_hint__())
print(list(r), r, r.__length_hint__())
r = repeat([1, 2])
print(r, next(r) is next(r))
show("repeat(1).__length_hint__()", lambda: repeat(1).__length_hint__())
print(list(map(pow, range(5), repeat(2))))
print(repeat(object=3, times=2), list(repeat(times=1, object="x")))
show("repeat()", lambda: repeat())
show("repeat(1, 'a')", lambda: repeat(1, "a"))
show("repeat(1, 2.0)", lambda: repeat(1, 2.0))
show("repeat(1, 2, 3)", lambda: repeat(1, 2, 3))
show("repeat(1, 2**100)", lambda: repeat(1, 2 ** 100))
show("repeat(1, object=2)", lambda: repeat(1, object=2))

# islice
print(list(islice("abcdefg", 2)))
print(list(islice("abcdefg", 2, 4)))
print(list(islice("abcdefg", 2, None)))
print(list(islice("abcdefg", 0, None, 2)))
print(list(islice("abcdefg", None)))
print(list(islice("abcdefg", None, None, None)))
print(list(islice("abcdefg", 1, 100, 3)))
print(list(islice("abcdefg", 10, 20)))
print(list(islice(range(10), True)))
print(list(islice(count(), 5, 20, 5)))
print(list(islice([], 3)))
show("islice('abc', 2**100)", lambda: islice("abc", 2 ** 100))


class Index:
    def __index__(self):
        return 3


print(list(islice(range(10), Index())))
print(list(islice(range(10), 1, Index())))

# islice consumes only what it needs from a shared iterator
it = iter(range(20))
print(list(islice(it, 3)), next(it))
print(list(islice(it, 2, 5)), next(it))
print(list(islice(it, 0, 6, 4)), next(it))
print(list(islice(it, 0)), next(it))
s = islice(noisy(), 1, 2)
print(list(s), list(s))

show("islice()", lambda: islice())
show("islice([1])", lambda: islice([1]))
show("islice(1, 2)", lambda: islice(1, 2))
show("islice(1, -1)", lambda: islice(1, -1))
show("islice([1], -1)", lambda: islice([1], -1))
show("islice([1], 'a')", lambda: islice([1], "a"))
show("islice([1], 1.5)", lambda: islice([1], 1.5))
show("islice([1], 1, -1)", lambda: islice([1], 1, -1))
show("islice([1], -1, 2)", lambda: islice([1], -1, 2))
show("islice([1], -1, -1)", lambda: islice([1], -1, -1))
show("islice([1], 0, 2, 0)", lambda: islice([1], 0, 2, 0))
show("islice([1], 0, 2, -1)", lambda: islice([1], 0, 2, -1))
show("islice([1], 0, 2, 'a')", lambda: islice([1], 0, 2, "a"))
show("islice([1], 1, 2, 3, 4)", lambda: islice([1], 1, 2, 3, 4))
show("islice([1], stop=2)", lambda: islice([1], stop=2))
show("islice([1], -2**100)", lambda: islice([1], -2 ** 100))

print(type(islice([], 1)).__name__, itertools.islice is islice)
