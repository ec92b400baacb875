# Method calls in every shape the VM's method-call path must tell apart.
import math


class Counter:
    total = 0

    def __init__(self, start):
        self.n = start

    def add(self, k=1):
        self.n += k
        return self

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def make(cls, n):
        return cls(n)

    @property
    def double(self):
        return self.n * 2

    def __getattr__(self, name):
        return lambda *args: f"missing {name}{args}"


class Loud(Counter):
    def add(self, k=1):
        print("adding", k)
        return super().add(k)


c = Counter(1)
print(c.add().add(5).n)
print(c.twice(21), Counter.twice(4))
print(Counter.make(7).n, c.make(8).n)
print(c.double)
print(c.nothing_here(1, 2))
# An instance attribute hides the class's method.
c.add = lambda k: f"shadowed {k}"
print(c.add(3))
del c.add
print(c.add(3).n)
# Calling through the class with an explicit self.
print(Counter.add(c, 10).n)
print(Loud(0).add(2).n)
# Built-in methods, module functions, callables stored in containers.
xs = [3, 1, 2]
xs.sort()
print(xs, "a-b".split("-"), math.sqrt(16.0))
ops = {"neg": lambda v: -v}
print(ops["neg"](5))
# A method that is not callable.
c.value = 5
try:
    c.value()
except TypeError as e:
    print("TypeError:", e)
try:
    (1).nope()
except AttributeError as e:
    print("AttributeError:", e)
# Bound methods kept and called later still carry their object.
f = c.add
print(f(1).n)
# del of attributes: instance, class, tuple targets, and the errors.
class Plain:
    pass


p = Plain()
p.tag, p.other = "t", "o"
del p.tag, [p.other]
print(hasattr(p, "tag"), hasattr(p, "other"))
del Counter.total
try:
    del c.never_set
except AttributeError as e:
    print("AttributeError:", e)
try:
    del Counter.total
except AttributeError as e:
    print("AttributeError:", e)
