# Instances with __hash__/__eq__ as dict keys and set members (grids, frozen dataclasses).
import pickle
from dataclasses import dataclass

class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return isinstance(o, P) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return "P(%d, %d)" % (self.x, self.y)

grid = {}
for x in range(5):
    for y in range(5):
        grid[P(x, y)] = x * 10 + y
print(len(grid), grid[P(3, 4)], P(9, 9) in grid, grid.get(P(0, 0)))
del grid[P(1, 1)]
print(len(grid), P(1, 1) in grid)
s = {P(1, 2), P(1, 2), P(2, 1)}
print(len(s), P(2, 1) in s, sorted(s, key=lambda p: (p.x, p.y)))
s2 = {P(2, 1), P(5, 5)}
print(sorted(s | s2, key=repr), sorted(s & s2, key=repr), sorted(s - s2, key=repr))
print(set([P(0, 0)] * 100), {P(1, 1): 1} == {P(1, 1): 1})
t = {(P(1, 1), 'a'): 1}
print(t[(P(1, 1), 'a')], frozenset([P(3, 3)]) == frozenset([P(3, 3)]))

@dataclass(frozen=True)
class Cell:
    row: int
    col: int

seen = set()
for r, c in [(1, 2), (1, 2), (3, 4)]:
    seen.add(Cell(r, c))
print(len(seen), Cell(3, 4) in seen, hash(Cell(1, 2)) == hash(Cell(1, 2)))

class Const:
    def __init__(self, v): self.v = v
    def __hash__(self): return 0
    def __eq__(self, o): return isinstance(o, Const) and self.v == o.v
d = {Const(i): i for i in range(50)}
print(len(d), d[Const(17)], Const(99) in d)

class BadHash:
    def __hash__(self): return "x"
try:
    {BadHash(): 1}
except TypeError as e:
    print("TypeError", e)
class Boom:
    def __hash__(self): return 1
    def __eq__(self, o): raise ValueError("no eq")
b1 = Boom()
dd = {b1: 1}
print(dd[b1])
try:
    dd[Boom()]
except ValueError as e:
    print("ValueError", e)
g2 = pickle.loads(pickle.dumps(grid))
print(len(g2), g2[P(3, 4)], P(1, 1) in g2)
print(sorted(pickle.loads(pickle.dumps(s)), key=repr))
class NoHash:
    def __eq__(self, o): return True
try:
    {NoHash()}
except TypeError as e:
    print("TypeError", e)
print(hash(P(1, 2)) == hash((1, 2)))
