# itertools: accumulate, chain, compress, dropwhile, takewhile,
# filterfalse, starmap, pairwise, zip_longest.
import itertools
from itertools import (accumulate, chain, compress, dropwhile, takewhile,
                       filterfalse, starmap, pairwise, zip_longest)
import operator


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


# accumulate
print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3, 4, 5], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5, 9, 2, 6], max)))
print(list(accumulate([1, 2, 3], initial=100)))
print(list(accumulate([], initial=5)), list(accumulate([])))
print(list(accumulate("abc")))
print(list(accumulate([[1], [2], [3]])))
print(list(accumulate([1, 2, 3], func=lambda a, b: a * 10 + b)))
print(list(accumulate(iterable=[1, 2], initial=None)))
print(list(accumulate([1.5, 2.25], lambda a, b: a - b, initial=10)))
show("accumulate()", lambda: accumulate())
show("accumulate(1)", lambda: accumulate(1))
show("accumulate([1], None, 3)", lambda: accumulate([1], None, 3))
show("accumulate([1], x=3)", lambda: accumulate([1], x=3))
show("list(accumulate([1, 2], 1))", lambda: list(accumulate([1, 2], 1)))
show("list(accumulate([1, 'a']))", lambda: list(accumulate([1, "a"])))
# the total is kept: an error leaves the iterator usable
a = accumulate([1, 2, "x", 3])
print(next(a), next(a))
show("next(a)", lambda: next(a))
print(next(a))

# chain
print(list(chain("ab", [1, 2], (), range(3))))
print(list(chain()), list(chain([])), list(chain([], [], [0])))
print(list(chain.from_iterable(["ab", "cd", ""])))
print(list(chain.from_iterable([[1, 2], [3]])))
print(list(chain.from_iterable(x * 2 for x in "xyz")))
c = chain(trace("first", [1, 2]), trace("second", [3]))
print(next(c))
print(list(c))
show("list(chain(1))", lambda: list(chain(1)))
show("list(chain([1], 2))", lambda: list(chain([1], 2)))
show("chain(x=1)", lambda: chain(x=1))
show("chain.from_iterable()", lambda: chain.from_iterable())
show("chain.from_iterable(1)", lambda: chain.from_iterable(1))
show("chain.from_iterable(x=1)", lambda: chain.from_iterable(x=1))
show("list(chain.from_iterable([1]))", lambda: list(chain.from_iterable([1])))
print(type(chain.from_iterable([])).__name__, isinstance(chain(), chain))
c = chain([1], [2])
print(iter(c) is c, next(c), next(c))
show("next(c)", lambda: next(c))
show("next(c) again", lambda: next(c))

# compress
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(compress("ABCDEF", [1, 0, 1])))
print(list(compress("AB", [1, 1, 1, 1])))
print(list(compress(range(10), (x % 3 == 0 for x in range(10)))))
print(list(compress(data="xyz", selectors=[0, 1, 1])))
show("compress()", lambda: compress())
show("compress([1])", lambda: compress([1]))
show("compress(1, [1])", lambda: compress(1, [1]))
show("compress([1], 1)", lambda: compress([1], 1))

# dropwhile and takewhile
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(dropwhile(lambda x: True, [1, 2])), list(takewhile(lambda x: False, [1, 2])))
print(list(dropwhile(str.isspace, "   hello ")), "".join(takewhile(str.isalpha, "abc123def")))
it = iter(range(10))
print(list(takewhile(lambda x: x < 3, it)), next(it))
t = takewhile(lambda x: x < 3, [1, 5, 2])
print(list(t), list(t))
show("dropwhile(None)", lambda: dropwhile(None))
show("dropwhile(None, 1)", lambda: dropwhile(None, 1))
show("list(dropwhile(None, [1]))", lambda: list(dropwhile(None, [1])))
show("takewhile(1)", lambda: takewhile(1))
show("takewhile(len, [1], x=1)", lambda: takewhile(len, [1], x=1))
show("list(takewhile(len, [1]))", lambda: list(takewhile(len, [1])))

# filterfalse
print(list(filterfalse(lambda x: x % 2, range(10))))
print(list(filterfalse(None, [0, 1, "", "a", None, [], [0], 0.0])))
print(list(filterfalse(bool, [0, 1, 2])))
show("filterfalse(None)", lambda: filterfalse(None))
show("filterfalse(None, 1)", lambda: filterfalse(None, 1))
show("list(filterfalse(1, [1]))", lambda: list(filterfalse(1, [1])))

# starmap
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(operator.add, ["ab", "cd"])))
print(list(starmap(lambda *a: a, [[1, 2], (), range(3)])))
show("starmap(len)", lambda: starmap(len))
show("starmap(len, 1)", lambda: starmap(len, 1))
show("list(starmap(len, [1]))", lambda: list(starmap(len, [1])))
show("list(starmap(divmod, [(1,)]))", lambda: list(starmap(divmod, [(1,)])))
show("starmap(function=1, iterable=[])", lambda: starmap(function=1, iterable=[]))

# pairwise
print(list(pairwise("ABCDE")), list(pairwise("A")), list(pairwise([])))
print(list(pairwise(range(4))))
p = pairwise(trace("src", "xyz"))
print(next(p))
print(list(p), list(p))
show("pairwise()", lambda: pairwise())
show("pairwise(1)", lambda: pairwise(1))
show("pairwise([1], [2])", lambda: pairwise([1], [2]))
show("pairwise(iterable=[1])", lambda: pairwise(iterable=[1]))

# zip_longest
print(list(zip_longest("ABCD", "xy", fillvalue="-")))
print(list(zip_longest("AB", [1, 2, 3, 4], [True])))
print(list(zip_longest()), list(zip_longest([])), list(zip_longest("a")))
print(list(zip_longest([], [], fillvalue=0)))
z = zip_longest(trace("a", [1, 2]), trace("b", [3]), trace("c", [4, 5, 6]))
print(list(z))
print(next(z, "done"))
show("zip_longest(1)", lambda: zip_longest(1))
show("zip_longest([1], x=2)", lambda: zip_longest([1], x=2))
show("zip_longest([1], fillvalue=2, x=3)", lambda: zip_longest([1], fillvalue=2, x=3))
print(type(zip_longest()).__name__, itertools.zip_longest is zip_longest)
