from dataclasses import (dataclass, field, fields, asdict, astuple, replace,
                         is_dataclass, FrozenInstanceError, InitVar, MISSING)
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, repr(p))
print(Point(3), Point(y=5, x=4))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2))
print(p == (1, 2))
print(Point.__match_args__)
try:
    hash(p)
except TypeError as e:
    print(type(e).__name__, e)

for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {'x': 2}), ((), {'z': 1})]:
    try:
        Point(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)


@dataclass
class Three:
    a: int
    b: str
    c: float


try:
    Three()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Three(1)
except TypeError as e:
    print(type(e).__name__, e)


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default='', compare=False)


vs = [Version(1, 2), Version(0, 9, 'b'), Version(1, 0, 'a'), Version(1, 2, 'z')]
print(sorted(vs))
print(Version(1, 2) < Version(1, 3), Version(2) >= Version(1, 9))
print(Version(1, 2, 'x') == Version(1, 2, 'y'))
try:
    Version(1) < 3
except TypeError as e:
    print(type(e).__name__, e)


@dataclass(frozen=True)
class Frozen:
    name: str
    tags: tuple = ()


f = Frozen('a', (1, 2))
print(f, hash(f) == hash(Frozen('a', (1, 2))))
print(hash(f) == hash(('a', (1, 2))))
try:
    f.__setattr__('name', 'b')
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    f.__delattr__('tags')
except AttributeError as e:
    print(type(e).__name__, e)


@dataclass(unsafe_hash=True)
class Hashy:
    a: int
    b: list = field(default_factory=list, hash=False)


h = Hashy(1)
h.b.append(3)
print(h, hash(h) == hash(Hashy(1)), Hashy(2).b is not Hashy(2).b)


@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    total: ClassVar[int] = 10
    secret: int = field(default=7, init=False)


inv = Inventory(['a'])
print(inv, inv.count, inv.secret, Inventory.total)
print([f.name for f in fields(Inventory)])
print([f.name for f in fields(inv)], fields(inv)[1].repr)
print(asdict(inv), astuple(inv))
try:
    Inventory(['a'], 1, 2)
except TypeError as e:
    print(type(e).__name__, e)


@dataclass
class Line:
    start: Point
    end: Point
    meta: dict = field(default_factory=dict)


ln = Line(Point(0, 0), Point(3, 4), {'k': [Point(1, 1)]})
print(ln)
d = asdict(ln)
print(d)
print(astuple(ln))
print(d['meta']['k'][0] is not ln.meta['k'][0])

p2 = replace(p, y=10)
print(p2, p, p2 is not p)
try:
    replace(inv, secret=3)
except ValueError as e:
    print(type(e).__name__, e)
for bad in (lambda: replace(3), lambda: asdict(Point), lambda: astuple([1])):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    fields(3)
except TypeError as e:
    print(type(e).__name__, e)

print(is_dataclass(Point), is_dataclass(p), is_dataclass(3), is_dataclass(int))
