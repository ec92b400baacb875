# Classes: methods, inheritance, super(), dunders, properties, exceptions.
class Point:
    dims = 2
    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    @staticmethod
    def origin():
        return Point()
    @classmethod
    def from_tuple(cls, t):
        return cls(*t)
    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2

class Point3(Point):
    dims = 3
    def __init__(self, x=0, y=0, z=0):
        super().__init__(x, y)
        self.z = z
    def __repr__(self):
        return f"Point3({self.x}, {self.y}, {self.z})"

p = Point(1, 2)
q = Point.from_tuple((3, 4))
print(p, q, p + q, p == Point(1, 2), p != q, p < q, Point.origin(), q.norm2)
print(sorted([q, p, Point(0, 5)]), Point3(1, 2, 3), Point3.dims, Point3(1).dims, isinstance(Point3(), Point))
print(p in [Point(1, 2)], [p, q].index(Point(3, 4)), str(p), type(p).__name__)

class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, needed):
        super().__init__(f"need {needed} more")
        self.needed = needed

try:
    raise InsufficientFunds(30)
except BankError as e:
    print("caught", type(e).__name__, e, e.needed, e.args)

class Stack:
    def __init__(self):
        self._items = []
    def push(self, item):
        self._items.append(item)
    def __len__(self):
        return len(self._items)
    def __iter__(self):
        return iter(self._items)
    def __getitem__(self, i):
        return self._items[i]
    def __bool__(self):
        return bool(self._items)

s = Stack()
print(bool(s), len(s))
for i in range(3):
    s.push(i * 10)
print(len(s), s[1], list(s), [x for x in s], bool(s), sum(s))
class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(4)))
raise InsufficientFunds(5)
