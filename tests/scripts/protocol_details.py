# Lazy zip/enumerate, type identity, __str__/__neg__/__abs__/__call__/__getattr__, exception attributes, set relations.
it = iter(["a", "b", "c", "d", "e", "f"])
print(list(zip(it, it)), dict(zip(["ann", "bob"], [31, 27])))
def naturals():
    n = 0
    while True:
        yield n
        n += 1
out = []
for i, n in enumerate(naturals()):
    if i >= 5:
        break
    out.append(n * n)
print(out, list(enumerate("ab", 1)))
print(type(1) is int, type("s") == str, type([]) is list, type(None).__name__)
class FieldError(Exception):
    def __init__(self, field, msg):
        super().__init__(field, msg)
        self.field, self.msg = field, msg
    def __str__(self):
        return f"{self.field}: {self.msg}"
try:
    raise FieldError("age", "must be non-negative")
except FieldError as e:
    print(e, repr(e.args))
class Vec:
    def __init__(self, x, y): self.x, self.y = x, y
    def __neg__(self): return Vec(-self.x, -self.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self): return f"Vec({self.x}, {self.y})"
print(-Vec(1, 2), abs(Vec(3, 4)))
class Counter:
    def __init__(self): self.n = 0
    def __call__(self, k=1):
        self.n += k
        return self.n
c = Counter()
print([c(), c(), c()], c(5), callable(c))
print(f"{255:#06x}", f"{5:#010b}", f"{-255:#08x}")
try:
    raise SystemExit(0)
except SystemExit as e:
    print("exit code:", e.code)
def g():
    yield 1
    return 2
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print("returned", e.value)
d = {"a": 1, "b": 2}
print(d.popitem(), d)
a, b = {1, 2}, {1, 2, 3}
print(a <= b, b >= a, a < b, sorted(a ^ {3, 4}), b.issuperset(a), sorted(a.symmetric_difference({2, 5})))
try:
    print(7 % 0)
except ZeroDivisionError as e:
    print(e)
class Base:
    def hello(self): return "hello"
class Child(Base):
    def hello(self): return super(Child, self).hello() + " child"
print(Child().hello())
class Plugin: pass
print(Plugin, type(Plugin()), ValueError)
class Proxy:
    def __getattr__(self, name): return f"<{name}>"
print(Proxy().ping, format(3.14159, ".2f"), format(42, "05d"))
MISSING = object()
print(MISSING is MISSING, type(MISSING).__name__)
try:
    "a" * "b"
except TypeError as e:
    print(e)
e = ValueError("x")
print(e.__cause__, e.__context__, e.__suppress_context__)
