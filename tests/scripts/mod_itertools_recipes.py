# itertools: the kind of helpers people build from it (the documentation's
# recipes, written out here), used on small data.
import itertools
import operator
from itertools import (chain, combinations, count, cycle, groupby, islice, repeat, starmap,
                       tee, zip_longest, filterfalse, accumulate, product, pairwise, compress)
import copy


def take(n, iterable):
    return list(islice(iterable, n))


def tabulate(function, start=0):
    return map(function, count(start))


def nth(iterable, n, default=None):
    return next(islice(iterable, n, None), default)


def all_equal(iterable):
    g = groupby(iterable)
    return next(g, True) and not next(g, False)


def quantify(iterable, pred=bool):
    return sum(map(pred, iterable))


def ncycles(iterable, n):
    return chain.from_iterable(repeat(tuple(iterable), n))


def flatten(list_of_lists):
    return chain.from_iterable(list_of_lists)


def grouper(iterable, n, fillvalue=None):
    args = [iter(iterable)] * n
    return zip_longest(*args, fillvalue=fillvalue)


def roundrobin(*iterables):
    num_active = len(iterables)
    nexts = cycle(iter(it).__next__ for it in iterables)
    while num_active:
        try:
            for nxt in nexts:
                yield nxt()
        except StopIteration:
            num_active -= 1
            nexts = cycle(islice(nexts, num_active))


def partition(pred, iterable):
    t1, t2 = tee(iterable)
    return filterfalse(pred, t1), filter(pred, t2)


def powerset(iterable):
    s = list(iterable)
    return chain.from_iterable(combinations(s, r) for r in range(len(s) + 1))


def unique_everseen(iterable, key=None):
    seen = set()
    for element in filterfalse(seen.__contains__, iterable) if key is None else iterable:
        k = element if key is None else key(element)
        if k not in seen:
            seen.add(k)
            yield element


def unique_justseen(iterable, key=None):
    return map(next, map(operator.itemgetter(1), groupby(iterable, key)))


def sliding_window(iterable, n):
    it = iter(iterable)
    window = list(islice(it, n - 1))
    for x in it:
        window.append(x)
        yield tuple(window)
        del window[0]


def dotproduct(vec1, vec2):
    return sum(map(operator.mul, vec1, vec2))


def running_mean(values):
    for i, total in enumerate(accumulate(values), 1):
        yield total / i


def first_true(iterable, default=False, pred=None):
    return next(filter(pred, iterable), default)


def triplewise(iterable):
    for (a, _), (b, c) in pairwise(pairwise(iterable)):
        yield a, b, c


def consume(iterator, n):
    next(islice(iterator, n, n), None)


print(take(5, tabulate(lambda x: x * x)))
print(nth(range(10), 3), nth(range(3), 5, "none"))
print(all_equal("aaaa"), all_equal("aaba"), all_equal(""))
print(quantify([1, 0, 3, 0, 5]), quantify(range(10), lambda x: x % 3 == 0))
print(list(ncycles("ab", 3)))
print(list(flatten([[1, 2], [], [3], (4, 5)])))
print(list(grouper("ABCDEFG", 3, "x")))
print(list(roundrobin("ABC", "D", "EF")))
evens, odds = partition(lambda x: x % 2, range(10))
print(list(evens), list(odds))
print(list(powerset([1, 2, 3])))
print(list(unique_everseen("AAAABBBCCDAABBB")), list(unique_everseen("ABBcCAD", str.lower)))
print(list(unique_justseen("AAAABBBCCDAABBB")), list(unique_justseen("ABBcCAD", str.lower)))
print(list(sliding_window("ABCDEFG", 4)))
print(dotproduct([1, 2, 3], [4, 5, 6]), list(running_mean([2, 4, 6, 8])))
print(first_true([0, "", None, 7, 8]), first_true([], "nothing"), first_true(range(10), pred=lambda x: x > 4))
print(list(triplewise("ABCDEF")))
it = iter(range(10))
consume(it, 4)
print(list(it))

# starmap and product for a small multiplication table
for row in range(1, 4):
    print(" ".join("%2d" % v for v in starmap(operator.mul, product([row], range(1, 6)))))

# compress with cycle: every third item
print(list(compress(range(20), cycle([1, 0, 0]))))

# a running balance, and the lowest point it reached
moves = [100, -30, -80, 50, -10]
balances = list(accumulate(moves, initial=0))
print(balances, min(balances))

# groupby on sorted records
records = sorted([("fruit", "apple"), ("veg", "leek"), ("fruit", "fig"), ("veg", "kale"),
                  ("nut", "pecan")])
for kind, items in groupby(records, key=operator.itemgetter(0)):
    print(kind, [name for _, name in items])

# tee objects copy with the copy module
a, b = tee(iter("xyz"))
next(a)
c = copy.copy(a)
print(list(a), list(c), list(b))

# an infinite pipeline, cut by islice
squares_of_odds = (n * n for n in count(1, 2))
print(list(islice(squares_of_odds, 5)), list(islice(cycle("ab"), 3, 8)))
