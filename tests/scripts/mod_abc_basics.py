import abc
from abc import ABC, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self):
        pass

    @abstractmethod
    def perimeter(self):
        pass

    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())


try:
    Shape()
except TypeError as e:
    print(type(e).__name__, e)


class Half(Shape):
    def area(self):
        return 1


try:
    Half()
except TypeError as e:
    print(type(e).__name__, e)


class Square(Half):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2

    def perimeter(self):
        return 4 * self.side


sq = Square(3)
print(sq.area(), sq.perimeter(), sq.describe())
print(Square.__abstractmethods__, sorted(Shape.__abstractmethods__))
print(sorted(Half.__abstractmethods__), isinstance(sq, Shape), isinstance(sq, ABC))
print(type(ABC()).__name__)


class Plain(abc.ABC):
    def ok(self):
        return 'ok'


print(Plain().ok(), Plain.__abstractmethods__)


class Reader(ABC):
    @abstractmethod
    def read(self):
        return 'base read'


class FileReader(Reader):
    def read(self):
        return 'file+' + super().read()


print(FileReader().read())


class Re(Reader):
    read = abstractmethod(lambda self: 1)


try:
    Re()
except TypeError as e:
    print(type(e).__name__, e)


class Fixed(Re):
    def read(self):
        return 'fixed'


print(Fixed().read())
print(Shape.register(int) is int)


@abstractmethod
def loose():
    return 5


print(loose.__isabstractmethod__, loose())


class Many(ABC):
    @abstractmethod
    def c(self): pass
    @abstractmethod
    def a(self): pass
    @abstractmethod
    def b(self): pass


try:
    Many()
except TypeError as e:
    print(type(e).__name__, e)


class WithArgs(ABC):
    def __init__(self, x, y=2):
        self.x, self.y = x, y


w = WithArgs(1, y=5)
print(w.x, w.y)
