# functools: reduce, partial, wraps/update_wrapper, cmp_to_key, total_ordering.
import functools
from functools import reduce, partial, wraps, update_wrapper, cmp_to_key, total_ordering


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4, 5]))
print(reduce(lambda a, b: a * b, range(1, 8), 1))
print(reduce(lambda acc, ch: ch + acc, "hello", ""))
print(reduce(max, [3, 9, 2]), reduce(lambda a, b: a + b, [], "empty"), reduce(len, [[1, 2]]))
print(reduce(lambda a, b: a + [b * 2], iter(range(4)), []))
steps = []
print(reduce(lambda a, b: steps.append((a, b)) or a - b, [10, 3, 2]), steps)
show("reduce()", lambda: reduce())
show("reduce(len)", lambda: reduce(len))
show("reduce(len, [])", lambda: reduce(len, []))
show("reduce(len, 1)", lambda: reduce(len, 1))
show("reduce(f, [1], 5, 6)", lambda: reduce(max, [1], 5, 6))
show("reduce(function=len, iterable=[])", lambda: reduce(function=len, iterable=[]))
show("reduce(1, [1, 2])", lambda: reduce(1, [1, 2]))


# partial
def power(base, exponent, *, scale=1):
    return scale * base ** exponent


square = partial(power, exponent=2)
cube_of_2 = partial(power, 2)
print(square(5), square(3, scale=10), cube_of_2(3), cube_of_2(exponent=10))
print(square.func is power, square.args, square.keywords, cube_of_2.args, cube_of_2.keywords)
show("square(5, 3)", lambda: square(5, 3))
int2 = partial(int, base=2)
print(int2("1011"), int2("11", base=8))
p = partial(max, 1, key=abs)
print(repr(p), p(-5, 3))
pp = partial(p, 2, default=3)
print(repr(pp), pp.func is max, pp.args, pp.keywords)
print(repr(partial(len)), repr(partial(print, "a", sep="-", end="!\n")))
partial(print, "a", "b", sep="-")("c")
print(list(map(partial(pow, 2), range(6))))
adders = [partial(lambda a, b: a + b, i) for i in range(3)]
print([f(10) for f in adders])
show("partial()", lambda: partial())
show("partial(1)", lambda: partial(1))
show("partial(func=len)", lambda: partial(func=len))
p = partial(len)
p.note = "extra"
print(p.note, p([1, 2]), callable(p), type(p).__name__, isinstance(p, partial))


class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting

    def __call__(self, name, punctuation="."):
        return self.greeting + ", " + name + punctuation


hello = partial(Greeter("Hello"), punctuation="!")
print(hello("world"), hello("you", punctuation="?"))


# wraps and update_wrapper
def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args, kwargs)
        return func(*args, **kwargs)
    return wrapper


@logged
def area(w, h=1):
    "Area of a rectangle."
    return w * h


print(area(3, h=4), area.__name__, area.__doc__, area.__module__, area.__wrapped__(2, 5))
print(area.__qualname__)


def original():
    "Original doc."


original.tag = "kept"


def replacement():
    pass


result = update_wrapper(replacement, original)
print(result is replacement, replacement.__name__, replacement.__doc__, replacement.tag,
      replacement.__wrapped__ is original)


def other():
    "Other."


update_wrapper(other, original, assigned=("__doc__",), updated=())
print(other.__name__, other.__doc__, hasattr(other, "tag"))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)


class Counter:
    """Counts calls."""

    def __init__(self, func):
        update_wrapper(self, func)
        self.calls = 0
        self.func = func

    def __call__(self, *args):
        self.calls += 1
        return self.func(*args)


@Counter
def twice(x):
    "Doubles."
    return 2 * x


print(twice(4), twice(5), twice.calls, twice.__name__, twice.__doc__)


# cmp_to_key
def by_length_then_reverse(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)


words = ["pear", "fig", "banana", "kiwi", "apple", "date"]
print(sorted(words, key=cmp_to_key(by_length_then_reverse)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(max([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
K = cmp_to_key(lambda a, b: a - b)
k1, k2 = K(1), K(2)
print(k1 < k2, k1 <= k2, k1 == k2, k1 != k2, k1 > k2, k1 >= k2, k1.obj, K(5).obj)
show("K(1) < 2", lambda: K(1) < 2)
show("cmp_to_key()", lambda: cmp_to_key())
print(sorted([5, 2, 8], key=cmp_to_key(mycmp=lambda a, b: a - b)))


# total_ordering
@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a <= b, a > b, a >= b, a <= c, a >= c, a > c, b > a)
print(sorted([Version(2), Version(1, 5), Version(1)]), max(a, b))
show("a > 1", lambda: a > 1)
show("a >= 'x'", lambda: a >= "x")
print(Version.__gt__.__doc__)


@total_ordering
class Score:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


print(Score(1) < Score(2), Score(2) <= Score(2), Score(3) > Score(2), Score(1) >= Score(2))


@total_ordering
class Both:
    def __init__(self, n):
        self.n = n

    def __gt__(self, other):
        print("  own __gt__")
        return self.n > other.n

    def __le__(self, other):
        print("  own __le__")
        return self.n <= other.n

    def __eq__(self, other):
        return self.n == other.n


print(Both(1) < Both(2))
print(Both(1) >= Both(2))


class Plain:
    pass


show("total_ordering(Plain)", lambda: total_ordering(Plain))

# keyword arguments named like partial's own parameters
print(partial(dict)(self=1), partial(dict, self=2)(), partial(dict, func=2)(args=3, keywords=4))
print(partial(dict, self=1).keywords)
