# operator: the operator functions, in-place variants and dunder aliases.
import operator

from functools import reduce


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


# comparisons
for a, b in [(1, 2), (2, 2), (3, 2), ("a", "b"), ((1, 2), (1, 2, 0))]:
    print(a, b, operator.lt(a, b), operator.le(a, b), operator.eq(a, b),
          operator.ne(a, b), operator.ge(a, b), operator.gt(a, b))
show("lt(1, 'a')", lambda: operator.lt(1, "a"))
print(operator.eq(1, "a"), operator.ne([], ()))

# logic and identity
print(operator.not_(0), operator.not_([1]), operator.truth(""), operator.truth(3))
x = [1]
print(operator.is_(x, x), operator.is_(x, [1]), operator.is_not(None, None), operator.is_not(1, None))

# arithmetic
print(operator.add(2, 3), operator.add("ab", "cd"), operator.add([1], [2]))
print(operator.sub(10, 4), operator.mul(6, 7), operator.mul("ab", 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.floordiv(-7, 2), operator.mod(-7, 3), operator.mod("%d%%", 5))
print(operator.pow(2, 10), operator.pow(2, -1), operator.pow(2.0, 0.5))
print(operator.neg(5), operator.neg(-2.5), operator.pos(-3), operator.abs(-7), operator.abs(-1.5))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.inv(12), operator.invert(0))
print(operator.lshift(1, 70), operator.rshift(1024, 3), operator.and_({1, 2}, {2, 3}))
print(operator.or_({1: 2}, {3: 4}), operator.xor(True, True), operator.neg(True))
show("truediv(1, 0)", lambda: operator.truediv(1, 0))
show("floordiv(1, 0)", lambda: operator.floordiv(1, 0))
show("add(1, 'a')", lambda: operator.add(1, "a"))
show("neg('a')", lambda: operator.neg("a"))
show("matmul(1, 2)", lambda: operator.matmul(1, 2))


class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self.xs, other.xs))

    def __iadd__(self, other):
        self.xs = [a + b for a, b in zip(self.xs, other.xs)]
        return self

    def __repr__(self):
        return "Vec%r" % (tuple(self.xs),)


print(operator.matmul(Vec(1, 2), Vec(3, 4)))

# index
print(operator.index(5), operator.index(True), operator.index(-2 ** 80))


class Idx:
    def __index__(self):
        return 42


print(operator.index(Idx()))
show("index(1.5)", lambda: operator.index(1.5))
show("index('3')", lambda: operator.index("3"))

# sequences
print(operator.concat([1], [2]), operator.concat("a", "b"), operator.concat((1,), (2,)))
show("concat(1, 2)", lambda: operator.concat(1, 2))
show("concat([1], (2,))", lambda: operator.concat([1], (2,)))
print(operator.contains([1, 2], 2), operator.contains("abc", "bc"), operator.contains({}, 1))
print(operator.countOf([1, 2, 1, 1.0, True], 1), operator.countOf("banana", "a"), operator.countOf([], 0))
print(operator.indexOf([5, 6, 7], 7), operator.indexOf("xyz", "y"), operator.indexOf(iter([3, 4]), 4))
show("indexOf([1], 2)", lambda: operator.indexOf([1], 2))
show("indexOf(1, 1)", lambda: operator.indexOf(1, 1))
show("countOf(1, 1)", lambda: operator.countOf(1, 1))
nan = float("nan")
print(operator.countOf([nan, nan], nan), operator.indexOf([1, nan], nan))
d = {"a": 1}
print(operator.getitem(d, "a"), operator.getitem([1, 2, 3], -1), operator.getitem("hello", slice(1, 3)))
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d)
lst = list(range(6))
operator.setitem(lst, slice(0, 2), ["x"])
operator.delitem(lst, slice(None, None, 2))
print(lst)
show("getitem([], 0)", lambda: operator.getitem([], 0))
show("getitem({}, 'k')", lambda: operator.getitem({}, "k"))
show("delitem({}, 'k')", lambda: operator.delitem({}, "k"))

# length_hint


class Hinted:
    def __init__(self, hint):
        self.hint = hint

    def __length_hint__(self):
        return self.hint


print(operator.length_hint([1, 2]), operator.length_hint("abc"), operator.length_hint(5),
      operator.length_hint(5, 7), operator.length_hint({1: 2}), operator.length_hint(Hinted(9)))
print(operator.length_hint(Hinted(NotImplemented), 4))
show("length_hint(5, 'a')", lambda: operator.length_hint(5, "a"))
show("length_hint(Hinted(-1))", lambda: operator.length_hint(Hinted(-1)))
show("length_hint(Hinted('x'))", lambda: operator.length_hint(Hinted("x")))
show("length_hint()", lambda: operator.length_hint())

# call
print(operator.call(len, [1, 2]), operator.call(dict, a=1), operator.call(max, 3, 9, key=lambda v: -v))
show("call()", lambda: operator.call())

# in-place operators: mutable operands change, immutable ones do not
a = [1, 2]
b = operator.iadd(a, [3])
print(a, b, a is b)
t = (1,)
u = operator.iadd(t, (2,))
print(t, u)
s = {1, 2}
operator.iand(s, {2, 3})
print(s)
s = {1}
operator.ior(s, {5})
operator.ixor(s, {1, 7})
print(sorted(s))
print(operator.isub(10, 3), operator.imul(3, 4), operator.imul([0], 3), operator.itruediv(1, 4),
      operator.ifloordiv(9, 2), operator.imod(9, 4), operator.ipow(3, 3), operator.ilshift(1, 4),
      operator.irshift(256, 4), operator.ixor(5, 1), operator.iand(6, 3), operator.ior(4, 1))
print(operator.iconcat([1], (2, 3)))
show("iconcat(1, [2])", lambda: operator.iconcat(1, [2]))
v = Vec(1, 2)
print(operator.iadd(v, Vec(10, 20)), v)

# dunder aliases are the same functions
print(operator.__add__ is operator.add, operator.__not__ is operator.not_,
      operator.__inv__ is operator.inv, operator.__getitem__(["a"], 0),
      operator.__mul__(2, 5), operator.__iadd__([1], [2]), operator.__lt__(1, 2),
      operator.__concat__("a", "b"), operator.__contains__([1], 1), operator.__index__(7))

# used as functions
print(reduce(operator.mul, range(1, 11)), reduce(operator.add, ["a", "b", "c"]))
print(list(map(operator.neg, [1, -2, 3])), sorted([3, 1, 2], key=operator.neg))
print(list(map(operator.pow, [2, 3, 4], [5, 2, 1])))
print(list(filter(operator.truth, [0, 1, "", "x", None])))
