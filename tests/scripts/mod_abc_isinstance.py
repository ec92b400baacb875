# isinstance/issubclass through ABCMeta: __subclasshook__, register, unions.
from abc import ABC, ABCMeta, abstractmethod
from collections.abc import (Iterable, Iterator, Sized, Container, Hashable,
    Callable, Sequence, MutableSequence, Mapping, MutableMapping, Set,
    MutableSet, Collection, Reversible, Generator, Coroutine, Awaitable)
import collections.abc as cabc

values = [[], (), {}, set(), frozenset(), "s", b"b", bytearray(), range(3), 5, 2.5, None,
          iter([]), (x for x in ()), len, print, lambda: 0, object(), type]
abcs = [Iterable, Iterator, Sized, Container, Hashable, Callable, Sequence,
        MutableSequence, Mapping, MutableMapping, Set, MutableSet, Collection,
        Reversible, Generator]
for a in abcs:
    print(a.__name__, [isinstance(v, a) for v in values])

class Duck:
    def __iter__(self):
        return iter([])
    def __len__(self):
        return 0
print(isinstance(Duck(), Iterable), isinstance(Duck(), Sized), issubclass(Duck, Collection), isinstance(Duck(), Container))

class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try:
    Shape()
except TypeError as e:
    print(e)
print(Square(3).area(), isinstance(Square(2), Shape), type(Shape) is ABCMeta)
class Plugin(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...
class Legacy:
    def run(self): return "legacy"
Plugin.register(Legacy)
print(isinstance(Legacy(), Plugin), issubclass(Legacy, Plugin), issubclass(int, Plugin))
class MyList(MutableSequence):
    def __init__(self): self.data = []
    def __getitem__(self, i): return self.data[i]
    def __setitem__(self, i, v): self.data[i] = v
    def __delitem__(self, i): del self.data[i]
    def __len__(self): return len(self.data)
    def insert(self, i, v): self.data.insert(i, v)
m = MyList()
m.append(1); m.extend([2, 3])
print(list(m), isinstance(m, Sequence), isinstance(m, Iterable), 2 in m, m.index(3))
print(isinstance(3, int | None), isinstance(None, int | None), isinstance("x", (int, (float, str))), issubclass(bool, int | str))
print(type(None) is type(None), type(None))
