"""Abstract base classes for containers (`collections.abc`).

Offered, as `abc.ABC` subclasses usable as bases, with their abstract
methods (instantiating a subclass that lacks one raises CPython's
TypeError) and CPython's mixin methods: Hashable, Awaitable, Coroutine,
AsyncIterable, AsyncIterator, AsyncGenerator, Iterable, Iterator,
Reversible, Generator, Sized, Container, Collection, Callable, Set,
MutableSet, Mapping, MutableMapping, MappingView, KeysView, ItemsView,
ValuesView, Sequence, MutableSequence, ByteString.

`isinstance(x, Iterable)` and friends answer for any value as CPython's
do: through the `__subclasshook__` of the one-method ABCs (a class with
`__iter__` is Iterable) and the built-in types registered as CPython
registers them (`list` is a MutableSequence, `dict` a MutableMapping,
`str` a Sequence, `frozenset` a Set...).

Left out: the async ABCs' `__anext__`/`aclose`/`asend` mixins (Shoal
has no async generators); the dict views, iterators of the built-in
types and `memoryview` are not registered by name (the hooks still see
their methods).
"""

from abc import ABC, abstractmethod

__all__ = ['Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator',
           'AsyncGenerator', 'Hashable', 'Iterable', 'Iterator', 'Generator',
           'Reversible', 'Sized', 'Container', 'Callable', 'Collection',
           'Set', 'MutableSet', 'Mapping', 'MutableMapping', 'MappingView',
           'KeysView', 'ItemsView', 'ValuesView', 'Sequence',
           'MutableSequence', 'ByteString']


class Hashable(ABC):
    __slots__ = ()

    @abstractmethod
    def __hash__(self):
        return 0


class Awaitable(ABC):
    __slots__ = ()

    @abstractmethod
    def __await__(self):
        yield


class Coroutine(Awaitable):
    __slots__ = ()

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        if val is None:
            if tb is None:
                raise typ
            val = typ()
        raise val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError('coroutine ignored GeneratorExit')


class AsyncIterable(ABC):
    __slots__ = ()

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator(AsyncIterable):
    # Shoal has no async functions: the abstract methods are plain ones.
    __slots__ = ()

    @abstractmethod
    def __anext__(self):
        raise StopAsyncIteration

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    # The __anext__ and aclose mixins need `await`: left out.
    __slots__ = ()

    @abstractmethod
    def asend(self, value):
        raise StopAsyncIteration

    @abstractmethod
    def athrow(self, typ, val=None, tb=None):
        raise StopAsyncIteration


class Iterable(ABC):
    __slots__ = ()

    @abstractmethod
    def __iter__(self):
        while False:
            yield None


class Iterator(Iterable):
    __slots__ = ()

    @abstractmethod
    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self


class Reversible(Iterable):
    __slots__ = ()

    @abstractmethod
    def __reversed__(self):
        while False:
            yield None


class Generator(Iterator):
    __slots__ = ()

    def __next__(self):
        return self.send(None)

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        if val is None:
            if tb is None:
                raise typ
            val = typ()
        raise val

    def close(self):
        try:
            self.throw(GeneratorExit)
        except (GeneratorExit, StopIteration):
            pass
        else:
            raise RuntimeError('generator ignored GeneratorExit')


class Sized(ABC):
    __slots__ = ()

    @abstractmethod
    def __len__(self):
        return 0


class Container(ABC):
    __slots__ = ()

    @abstractmethod
    def __contains__(self, x):
        return False


class Collection(Sized, Iterable, Container):
    __slots__ = ()


class Callable(ABC):
    __slots__ = ()

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False


def _is_set_like(other):
    return isinstance(other, (Set, set, frozenset, KeysView, ItemsView)) or (
        type(other).__name__ in ('dict_keys', 'dict_items'))


class Set(Collection):
    """A finite, iterable container; mixins give comparisons and the set
    operators, built with `_from_iterable`."""
    __slots__ = ()

    def __le__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not _is_set_like(other):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable) and not hasattr(other, '__iter__'):
            return NotImplemented
        return self._from_iterable([value for value in other if value in self])

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not hasattr(other, '__iter__'):
            return NotImplemented
        return self._from_iterable([e for s in (self, other) for e in s])

    __ror__ = __or__

    def __sub__(self, other):
        if not _is_set_like(other):
            if not hasattr(other, '__iter__'):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable([value for value in self
                                    if value not in other])

    def __rsub__(self, other):
        if not _is_set_like(other):
            if not hasattr(other, '__iter__'):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable([value for value in other
                                    if value not in self])

    def __xor__(self, other):
        if not _is_set_like(other):
            if not hasattr(other, '__iter__'):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def _hash(self):
        # An order-independent hash of the elements, for hashable subclasses.
        h = 1927868237 * (len(self) + 1)
        for x in self:
            hx = hash(x)
            h ^= (hx ^ (hx << 16) ^ 89869747) * 3644798167
            h &= 0xFFFFFFFFFFFFFFFF
        h = h * 69069 + 907133923
        h &= 0xFFFFFFFFFFFFFFFF
        if h >= 1 << 63:
            h -= 1 << 64
        if h == -1:
            h = 590923713
        return h


class MutableSet(Set):
    __slots__ = ()

    @abstractmethod
    def add(self, value):
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        raise NotImplementedError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in (self - it):
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
        else:
            if not isinstance(it, Set):
                it = self._from_iterable(it)
            for value in it:
                if value in self:
                    self.discard(value)
                else:
                    self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


class Mapping(Collection):
    """A read-only mapping: define __getitem__, __iter__ and __len__."""
    __slots__ = ()

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        else:
            return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, (Mapping, dict)):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __reversed__ = None


class MappingView(Sized):
    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '{0.__class__.__name__}({0._mapping!r})'.format(self)


class KeysView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        for key in self._mapping:
            yield key


class ItemsView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        else:
            return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView, Collection):
    __slots__ = ()

    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


_marker = object()


class MutableMapping(Mapping):
    """A mapping that also defines __setitem__ and __delitem__."""
    __slots__ = ()

    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is _marker:
                raise
            return default
        else:
            del self[key]
            return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), /, **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class Sequence(Reversible, Collection):
    """A read-only sequence: define __getitem__ and __len__."""
    __slots__ = ()

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class ByteString(Sequence):
    __slots__ = ()


class MutableSequence(Sequence):
    """A sequence that also defines __setitem__, __delitem__ and insert."""
    __slots__ = ()

    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


def _check_methods(C, *methods):
    """True when class C has every method (not set to None), else
    NotImplemented: CPython's test for the one-method ABCs."""
    for method in methods:
        if getattr(C, method, None) is None:
            return NotImplemented
    return True


def _hook_for(abc_class, *methods):
    def __subclasshook__(cls, C):
        if cls is abc_class:
            return _check_methods(C, *methods)
        return NotImplemented
    return classmethod(__subclasshook__)


Hashable.__subclasshook__ = _hook_for(Hashable, '__hash__')
Awaitable.__subclasshook__ = _hook_for(Awaitable, '__await__')
Coroutine.__subclasshook__ = _hook_for(Coroutine, '__await__', 'send',
                                       'throw', 'close')
AsyncIterable.__subclasshook__ = _hook_for(AsyncIterable, '__aiter__')
AsyncIterator.__subclasshook__ = _hook_for(AsyncIterator, '__anext__',
                                           '__aiter__')
AsyncGenerator.__subclasshook__ = _hook_for(AsyncGenerator, '__aiter__',
                                            '__anext__', 'asend', 'athrow',
                                            'aclose')
Iterable.__subclasshook__ = _hook_for(Iterable, '__iter__')
Iterator.__subclasshook__ = _hook_for(Iterator, '__iter__', '__next__')
Reversible.__subclasshook__ = _hook_for(Reversible, '__reversed__',
                                        '__iter__')
Generator.__subclasshook__ = _hook_for(Generator, '__iter__', '__next__',
                                       'send', 'throw', 'close')
Sized.__subclasshook__ = _hook_for(Sized, '__len__')
Container.__subclasshook__ = _hook_for(Container, '__contains__')
Collection.__subclasshook__ = _hook_for(Collection, '__len__', '__iter__',
                                        '__contains__')

# Functions, methods and classes are called without a `__call__` Shoal
# can look up on their types.
class _Probe:
    def method(self):
        pass


_CALLABLE_TYPES = (type, type(len), type(_check_methods), type([].append),
                   type(_Probe().method))


def _callable_hook(cls, C):
    if cls is not Callable:
        return NotImplemented
    for t in _CALLABLE_TYPES:
        if C is t:
            return True
    return _check_methods(C, '__call__')


Callable.__subclasshook__ = classmethod(_callable_hook)

Set.register(frozenset)
MutableSet.register(set)
MutableMapping.register(dict)
Sequence.register(tuple)
Sequence.register(str)
Sequence.register(range)
ByteString.register(bytes)
ByteString.register(bytearray)
MutableSequence.register(list)
MutableSequence.register(bytearray)
