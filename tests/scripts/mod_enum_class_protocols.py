# Enum classes iterate, count, index and print as CPython 3.11's do.
from enum import Enum, IntEnum, Flag, auto, EnumMeta, EnumType


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1  # an alias: not listed when iterating

    def __init__(self, value):
        self.shade = value * 10


print(list(Color), len(Color), Color['GREEN'], Color.RED in Color)
print([c.name for c in reversed(Color)], bool(Color))
print(repr(Color), str(Color), type(Color) is EnumType, EnumMeta is EnumType)
print(isinstance(Color, EnumType), isinstance(Color.RED, Color), Color.BLUE.shade)
print(Color(2), Color(2) is Color.GREEN, Color.CRIMSON is Color.RED)
try:
    Color['PURPLE']
except KeyError as e:
    print('KeyError', e)


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


print(repr(Perm), list(Perm), len(Perm), Perm.W in Perm)


class Level(IntEnum):
    LOW = 10
    HIGH = 20


print(sorted(Level, reverse=True), max(Level), sum(Level), dict(Level.__members__))
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, repr(Animal))
Pair = Enum('Pair', [('ONE', 1), ('TWO', 2)])
print(list(Pair), Pair(2))
Shape = Enum('Shape', {'SQUARE': 4, 'TRIANGLE': 3})
print([(s.name, s.value) for s in Shape], Shape['SQUARE'].value)
Num = IntEnum('Num', 'A B', start=5)
print(list(Num), Num.B + 1)
for kind in Color:
    print(kind.name, kind.value, end='; ')
print()
print({c: c.value for c in Color})
