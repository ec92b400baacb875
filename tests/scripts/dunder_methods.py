# Dunder methods of built-in values called directly: operators, containers, comparisons, object's methods on instances.
print([1, 2].__len__(), "ab".__add__("c"), [1].__add__([2]), (1,).__mul__(2), {1: 2}.__getitem__(1))
print([1].__eq__([1]), [1].__eq__((1,)), "a".__lt__("b"), "a".__lt__(1), {1}.__or__({2}), {1}.__or__([2]))
print({1}.__rsub__({1, 2}), "%s!".__mod__(3), "x".__rmod__(3), "x".__rmod__("<%s>"), 3 .__class__)
print(list.__len__([1, 2, 3]), dict.__contains__({1: 2}, 1), [].__hash__, list.__hash__, {}.__hash__)
print("abc".__getitem__(1), "abc".__contains__("b"), "abc".__iter__().__next__(), range(5).__reversed__().__next__())
items = [1, 2]
items.__iadd__((3,))
items.__imul__(2)
print(items, items.__reversed__().__next__())
alias = items
items += range(2)
items *= 1
print(alias is items, alias)
d = {1: 2}
d.__setitem__(3, 4)
d.__delitem__(1)
d.__ior__({5: 6})
same = d
d |= [(9, 9)]
print(d, same is d, d.__or__({7: 8}), d.__ror__({0: 0}), {1: 1}.__or__(5))
print("x".__class__, [].__class__ is list, "a".__hash__() == hash("a"), (1, 2).__hash__() == hash((1, 2)))
print(str.__new__(str, 5), list.__new__(list, [1]), tuple.__new__(tuple, [1, 2]), frozenset.__new__(frozenset, [1]))
print(range(3).__bool__(), range(0).__bool__(), iter([1, 2, 3]).__length_hint__(), b"ab".__bytes__(), "ab".__getnewargs__())
print(NotImplemented, [NotImplemented], "a".__eq__(None), (1,).__ne__((1,)), {1}.__le__({1, 2}), {1}.__gt__(frozenset()))
for call in [lambda: list.__new__(dict), lambda: list.__new__(5), lambda: [].__hash__(), lambda: "a".__add__(1)]:
    try:
        call()
    except TypeError as e:
        print(e)


class Point:
    def __init__(self, x):
        self.x = x


p = Point(3)
print(p.__eq__(p), p.__eq__(1), p.__ne__(1), p.__repr__() == repr(p), p.__str__() == str(p), Point.__init_subclass__())
print(p.__hash__() == hash(p), p.__getattribute__("x"), p.__format__("") == str(p), Point.__subclasshook__(Point))
p.__setattr__("y", 4)
p.__delattr__("x")
print(vars(p), Point.__class__, Point.__eq__(p, p), object.__eq__(p, 1))


class Shouty:
    def __repr__(self):
        return "Shouty" + super().__repr__()[:2] + "!"

    def __str__(self):
        return super().__str__().upper()


print(repr(Shouty()), str(Shouty()), format(Shouty(), ""), Shouty().__str__())


class Base(Exception):
    def __init__(self, message):
        Exception.__init__(self, message)
        self.message = message


try:
    raise Base("boom")
except Base as e:
    print(e.args, e.message, str(e), repr(e))
print(p.__getstate__(), [].__getstate__(), Shouty().__getstate__())
