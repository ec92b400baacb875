from dataclasses import dataclass, field, fields, InitVar, replace, asdict


@dataclass
class Base:
    a: int
    b: int = 2


@dataclass
class Child(Base):
    c: int = 3
    a: int = 10


print(Child(), Child(1, 2, 3), [f.name for f in fields(Child)])

try:
    @dataclass
    class Bad:
        x: int = 1
        y: int
except TypeError as e:
    print(type(e).__name__, e)

try:
    @dataclass
    class Bad2:
        x: list = []
except ValueError as e:
    print(type(e).__name__, e)

try:
    field(default=1, default_factory=list)
except ValueError as e:
    print(type(e).__name__, e)

try:
    @dataclass(order=True, eq=False)
    class Bad3:
        x: int
except ValueError as e:
    print(type(e).__name__, e)

try:
    @dataclass(order=True)
    class Bad4:
        x: int
        def __lt__(self, other):
            return True
except TypeError as e:
    print(type(e).__name__, e)

try:
    @dataclass
    class Bad5:
        x = field(default=1)
except TypeError as e:
    print(type(e).__name__, e)


@dataclass
class WithPost:
    a: int
    scale: InitVar[int] = 2
    scaled: int = field(init=False)

    def __post_init__(self, scale):
        self.scaled = self.a * scale


w = WithPost(5)
print(w, WithPost(5, 10))
print([f.name for f in fields(w)])
print(replace(w, a=1, scale=3))


@dataclass
class Counter:
    n: int = 0

    def __post_init__(self):
        self.n += 100

    def bump(self):
        self.n += 1
        return self


print(Counter().bump(), Counter(5))


@dataclass(frozen=True)
class FBase:
    x: int


try:
    @dataclass
    class Thaw(FBase):
        y: int = 0
except TypeError as e:
    print(type(e).__name__, e)


@dataclass(repr=False, eq=False)
class Plain:
    v: int


pl = Plain(1)
print(pl == Plain(1), pl.v, type(hash(pl)).__name__)


@dataclass
class Explicit:
    v: int

    def __hash__(self):
        return 42


print(hash(Explicit(1)))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


root = Node(1, [Node(2), Node(3, [Node(4)])])
print(root)
print(asdict(root))
root.children.append(root)
print(repr(root)[:40])


@dataclass
class Empty:
    pass


print(Empty(), Empty() == Empty(), fields(Empty))


def make():
    @dataclass
    class Local:
        q: int = 1
    return Local


L = make()
print(L().q, L(5) == L(5))


@dataclass
class Defaults:
    tag: str = 'x'
    nums: tuple = (1, 2)


print(Defaults.tag, Defaults.nums, Defaults())
print(asdict(Defaults(), dict_factory=list))
