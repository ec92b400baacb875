# Classes and the methods Python programs define.
class Empty:
    pass


class Point(object):
    """A point."""
    dims = 2

    def __init__(self, x=0, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    @staticmethod
    def origin():
        return Point()

    @classmethod
    def from_tuple(cls, t):
        return cls(*t)

    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


class Point3(Point):
    dims = 3

    def __init__(self, x=0, y=0, z=0):
        super().__init__(x, y)
        self.z = z


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, needed):
        super().__init__(f"need {needed} more")
        self.needed = needed


class Stack:
    def __init__(self):
        self._items = []

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def push(self, item): self._items.append(item)


class Meta(type):
    pass


class WithMeta(Meta, metaclass=Meta, flag=True):
    pass
