import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum
class C(Enum):
    R = 1
    G = 2
    B = 1
    def describe(self):
        return self.name.lower()
print(C.R, repr(C.R), C.R.name, C.R.value, C.B is C.R, f'{C.R}', format(C.G), C.G.describe())
print(C(1) is C.R, C(2), isinstance(C.R, C), type(C.G).__name__, C.R == C.R, C.R != C.G, C.R == 1)
print(C._member_names_, list(C.__members__), [m.value for m in C.__members__.values()])
try:
    class D(C): X = 3
except TypeError as e: print(type(e).__name__, e)
try: C(5)
except ValueError as e: print(type(e).__name__, e)
try: unique(C)
except ValueError as e: print(type(e).__name__, e)
try: C.R < C.G
except TypeError as e: print(type(e).__name__, e)
d = {C.R: 'red', C.G: 'green'}
print(d[C.R], d[C(2)])
class P(Flag):
    R = auto()
    W = auto()
    X = auto()
print(repr(P.R|P.W), str(P.R|P.W), repr(P(0)), str(P(0)), repr(~P.R), P.R in (P.R|P.W), bool(P(0)), list(P.R|P.X), P.X.value)
class I(IntEnum):
    A = 1
    B = 2
print(repr(I.A), str(I.A), format(I.A), f'{I.A}', I.A + 1, I.A == 1, I.B > I.A, sorted([I.B, I.A]), isinstance(I.A, int))
class S(StrEnum):
    ALPHA = auto()
    BETA = 'b'
print(repr(S.ALPHA), str(S.ALPHA), S.ALPHA == 'alpha', S.BETA.upper())
class IF(IntFlag):
    A = 1
    B = 2
print(repr(IF.A|IF.B), str(IF.A|IF.B), IF.A | 4, IF.A + 0)
class Auto(Enum):
    X = auto()
    Y = auto()
    Z = 10
    W = auto()
print([(m.name, m.value) for m in Auto.__members__.values()])
class M(Enum):
    A = 'a'
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls(value.lower())
        return None
print(M('A'), M('a'))
try: M(3)
except ValueError as e: print(type(e).__name__, e)
import copy
print(copy.deepcopy(C.R) is C.R, copy.copy([C.G])[0] is C.G)
class Planet(Enum):
    EARTH = (5.97, 6.37)
    MARS = (0.642, 3.39)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.MARS.radius, Planet.EARTH.value)
@unique
class U(Enum):
    A = 1
    B = 2
print(U.B, I(2) is I.B, IF(1) is IF.A)
print(C.R.__class__ is C, hash(C.R) == hash(C.R))
