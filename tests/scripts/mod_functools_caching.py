# functools: lru_cache (bounded, unbounded, typed, eviction order,
# statistics), cache, cached_property and singledispatch.
import functools
from functools import lru_cache, cache, cached_property, singledispatch


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib.cache_parameters())

calls = []


@lru_cache(maxsize=3)
def square(x):
    calls.append(x)
    return x * x


for x in [1, 2, 3, 1, 4, 2, 5, 1, 3]:
    square(x)
print(calls, square.cache_info())
info = square.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info[0], info[-1], len(info))
hits, misses, maxsize, currsize = info
print(hits, misses, maxsize, currsize, list(info), tuple(info), info == (4, 5, 3, 3))
print(square.__wrapped__(9), square.__name__)


@lru_cache
def plain(x):
    "Plain docstring."
    return [x]


print(plain(1) is plain(1), plain.cache_info(), plain.cache_parameters(), plain.__doc__)


@lru_cache()
def empty_parens(a, b=0, *, c=0):
    calls.append((a, b, c))
    return a + b + c


calls.clear()
print(empty_parens(1), empty_parens(1, 0), empty_parens(1, b=0), empty_parens(b=0, a=1),
      empty_parens(a=1, b=0), empty_parens(1, c=2), empty_parens(1, c=2))
print(calls, empty_parens.cache_info())


@lru_cache(maxsize=10, typed=True)
def typed(x):
    calls.append(x)
    return x


calls.clear()
typed(1)
typed(1.0)
typed(True)
typed(1)
print(calls, typed.cache_info(), typed.cache_parameters())


@lru_cache(maxsize=10)
def untyped(x):
    calls.append(x)
    return x


calls.clear()
print(untyped(1), untyped(1.0), untyped(True), calls, untyped.cache_info())


@lru_cache(0)
def never(x):
    return x


never(1)
never(1)
print(never.cache_info())


@lru_cache(-3)
def negative(x):
    return x


negative(1)
print(negative.cache_info(), negative.cache_parameters())


# recursion into a small cache
@lru_cache(maxsize=2)
def countdown(n):
    return 0 if n == 0 else 1 + countdown(n - 1)


print(countdown(10), countdown.cache_info())
print(countdown(10), countdown(9), countdown(8), countdown.cache_info())

show("square([1])", lambda: square([1]))
show("lru_cache('a')", lambda: lru_cache("a"))
show("lru_cache(2.0)", lambda: lru_cache(maxsize=2.0))
show("lru_cache(1, 2, 3)", lambda: lru_cache(1, 2, 3))
show("lru_cache(x=1)", lambda: lru_cache(x=1))
show("lru_cache(1)(5)", lambda: lru_cache(1)(5))
print(lru_cache(None)(len).cache_parameters(), lru_cache(typed=True)(len).cache_parameters())


# a cached method: self is part of the key
class Circle:
    def __init__(self, r):
        self.r = r

    @lru_cache(maxsize=None)
    def area(self, precision=2):
        calls.append(self.r)
        return round(3.14159 * self.r * self.r, precision)


calls.clear()
c1, c2 = Circle(1), Circle(2)
print(c1.area(), c1.area(), c2.area(), c1.area(3), calls, Circle.area.cache_info())


# cache
@cache
def tri(n):
    return n + tri(n - 1) if n else 0


print(tri(100), tri.cache_info(), tri.cache_parameters())
show("cache(1)", lambda: cache(1))


# cached_property
class Dataset:
    def __init__(self, values):
        self.values = values

    @cached_property
    def total(self):
        "The sum of the values."
        print("  computing total")
        return sum(self.values)


d = Dataset([1, 2, 3])
print(d.total, d.total)
d.values.append(10)
print(d.total)
d.total = 0
print(d.total)
e = Dataset([5])
e.total = 7
print(e.total, Dataset([2, 2]).total)


# singledispatch
@singledispatch
def describe(x):
    return "object " + repr(x)


@describe.register(int)
def _(x):
    return "int %d" % x


@describe.register(list)
def _(x):
    return "list of %d" % len(x)


def describe_str(x):
    return "str " + x


describe.register(str, describe_str)


class Animal:
    pass


class Dog(Animal):
    pass


@describe.register(Animal)
def _(x):
    return "animal " + type(x).__name__


print(describe(5), describe(True), describe([1, 2]), describe("hi"), describe(2.5), describe(None))
print(describe(Dog()), describe(Animal()), describe((1,)))
print(describe.dispatch(bool) is describe.dispatch(int), describe.dispatch(float) is describe.__wrapped__)
print(describe.dispatch(str) is describe_str, describe.__name__)
print(sorted(t.__name__ for t in describe.registry))


@describe.register(bool)
def _(x):
    return "bool " + str(x)


print(describe(True), describe(1))


class Error1(ValueError):
    pass


@describe.register(Exception)
def _(x):
    return "exception " + type(x).__name__


print(describe(Error1("x")), describe(KeyError()))
show("describe()", lambda: describe())
show("register(5)", lambda: describe.register(5))
show("register(5, len)", lambda: describe.register(5, len))
