"""Container types: `deque` and `ChainMap`, as CPython's `collections` has them.

`deque(iterable=(), maxlen=None)` keeps its items in two lists (the left part
reversed, the right part in order), so appends and pops are cheap at both
ends. It offers append, appendleft, pop, popleft, extend, extendleft, rotate,
clear, count, index, insert, remove, reverse, copy, indexing (read, write,
delete), iteration both ways (a deque changed during iteration raises
CPython's RuntimeError), `in`, len, comparisons, `+`, `*`, `+=`, `*=` and
CPython's repr.

`ChainMap(*maps)` looks keys up through a list of mappings and writes to the
first; it offers maps, new_child, parents, fromkeys, copy, get, pop, popitem,
clear, setdefault, update, keys/items/values views, `|` and `|=`.

Left out: defaultdict, Counter, OrderedDict, namedtuple, UserDict,
UserList, UserString; slices of a deque are refused as in CPython.
Where Shoal differs: `d.maxlen = 1` says "property 'maxlen' of 'deque'
object has no setter", and error messages name the type 'deque' where
CPython says 'collections.deque'.
"""

_repr_running = []


def _index(i):
    # The integer value of an index, as CPython's sequences take it.
    if isinstance(i, int):
        return int(i)
    if hasattr(type(i), '__index__'):
        return i.__index__()
    raise TypeError("sequence index must be integer, not '%s'" % type(i).__name__)


def _as_int(n):
    if isinstance(n, int):
        return int(n)
    if hasattr(type(n), '__index__'):
        return n.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)


_COMPARABLE = (int, float, str, bytes, bytearray, list, tuple, dict, set,
               frozenset, range, type(None), bool)


class deque:
    """deque([iterable[, maxlen]]) --> deque object

A list-like sequence optimized for data accesses near its endpoints."""

    __slots__ = ('_left', '_right', '_maxlen', '_state')

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                if hasattr(type(maxlen), '__index__'):
                    maxlen = maxlen.__index__()
                else:
                    raise TypeError("an integer is required")
            maxlen = int(maxlen)
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        try:
            if self._left or self._right:
                self._state += 1
            self._left.clear()
            self._right.clear()
        except AttributeError:
            self._left = []
            self._right = []
            self._state = 0
        self._maxlen = maxlen
        if iterable != ():
            self.extend(iterable)

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    # ---- the two ends ----

    def append(self, x):
        """Add an element to the right side of the deque."""
        self._state += 1
        self._right.append(x)
        if self._maxlen is not None and len(self._left) + len(self._right) > self._maxlen:
            self._drop_left(1)

    def appendleft(self, x):
        """Add an element to the left side of the deque."""
        self._state += 1
        self._left.append(x)
        if self._maxlen is not None and len(self._left) + len(self._right) > self._maxlen:
            self._drop_right(1)

    def pop(self):
        """Remove and return the rightmost element."""
        right = self._right
        if not right:
            left = self._left
            n = len(left)
            if not n:
                raise IndexError("pop from an empty deque")
            # Move the right half of the items (the front of `left`) over.
            k = (n + 1) // 2
            right = left[k - 1::-1]
            left[:k] = []
            self._right = right
        self._state += 1
        return right.pop()

    def popleft(self):
        """Remove and return the leftmost element."""
        left = self._left
        if not left:
            right = self._right
            n = len(right)
            if not n:
                raise IndexError("pop from an empty deque")
            k = (n + 1) // 2
            left = right[k - 1::-1]
            right[:k] = []
            self._left = left
        self._state += 1
        return left.pop()

    def _drop_left(self, k):
        # Remove the k leftmost items (k <= len(self)).
        left = self._left
        nl = len(left)
        if k <= nl:
            left[nl - k:] = []
        else:
            self._right[:k - nl] = []
            left.clear()

    def _drop_right(self, k):
        right = self._right
        nr = len(right)
        if k <= nr:
            right[nr - k:] = []
        else:
            self._left[:k - nr] = []
            right.clear()

    def extend(self, iterable):
        """Extend the right side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        right = self._right
        n = len(right)
        right.extend(iterable)
        if len(right) != n:
            self._state += 1
            if self._maxlen is not None:
                extra = len(self._left) + len(right) - self._maxlen
                if extra > 0:
                    self._drop_left(extra)

    def extendleft(self, iterable):
        """Extend the left side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        left = self._left
        n = len(left)
        left.extend(iterable)
        if len(left) != n:
            self._state += 1
            if self._maxlen is not None:
                extra = len(left) + len(self._right) - self._maxlen
                if extra > 0:
                    self._drop_right(extra)

    def clear(self):
        """Remove all elements from the deque."""
        self._state += 1
        self._left.clear()
        self._right.clear()

    def rotate(self, n=1):
        """Rotate the deque n steps to the right (default n=1).  If n is negative, rotates left."""
        n = _as_int(n)
        size = len(self._left) + len(self._right)
        if size <= 1:
            return
        self._state += 1
        n %= size
        if n == 0:
            return
        left = self._left
        right = self._right
        if n <= size - n:
            # The last n items move to the front.
            if n <= len(right):
                moved = right[len(right) - n:]
                right[len(right) - n:] = []
                moved.reverse()
                left.extend(moved)
                return
        else:
            # The first size - n items move to the back.
            k = size - n
            if k <= len(left):
                moved = left[len(left) - k:]
                left[len(left) - k:] = []
                moved.reverse()
                right.extend(moved)
                return
        items = list(reversed(left))
        items.extend(right)
        left.clear()
        right[:] = items[size - n:]
        right.extend(items[:size - n])

    # ---- searching and the middle ----

    def count(self, x):
        """Return number of occurrences of value."""
        return self._left.count(x) + self._right.count(x)

    def index(self, x, start=0, stop=9223372036854775807):
        """Return first index of value.

Raises ValueError if the value is not present."""
        start = _as_int(start)
        stop = _as_int(stop)
        size = len(self._left) + len(self._right)
        if start < 0:
            start += size
            if start < 0:
                start = 0
        if stop < 0:
            stop += size
            if stop < 0:
                stop = 0
        if stop > size:
            stop = size
        left = self._left
        nl = len(left)
        right = self._right
        i = start
        while i < stop:
            if i < nl:
                item = left[nl - 1 - i]
            else:
                item = right[i - nl]
            if item is x or item == x:
                return i
            i += 1
        raise ValueError("%r is not in deque" % (x,))

    def insert(self, i, x):
        """Insert value before index."""
        i = _as_int(i)
        size = len(self._left) + len(self._right)
        if self._maxlen is not None and size >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        if i < 0:
            i += size
            if i < 0:
                i = 0
        elif i > size:
            i = size
        self._state += 1
        nl = len(self._left)
        if i <= nl:
            self._left.insert(nl - i, x)
        else:
            self._right.insert(i - nl, x)

    def remove(self, x):
        """Remove first occurrence of value."""
        left = self._left
        for j in range(len(left) - 1, -1, -1):
            item = left[j]
            if item is x or item == x:
                self._state += 1
                del left[j]
                return
        right = self._right
        for j in range(len(right)):
            item = right[j]
            if item is x or item == x:
                self._state += 1
                del right[j]
                return
        raise ValueError("%r is not in deque" % (x,))

    def reverse(self):
        """Reverse *IN PLACE*."""
        left = self._left
        right = self._right
        nl = len(left)
        # The parts keep their lengths, so an iterator sees the new order.
        items = right[::-1]
        items.extend(left)
        right[:] = items[nl:]
        left[:] = items[nl - 1::-1] if nl else []

    def copy(self):
        """Return a shallow copy of a deque."""
        if self._maxlen is None:
            return type(self)(self)
        return type(self)(self, self._maxlen)

    __copy__ = copy

    # ---- the sequence protocol ----

    def __len__(self):
        return len(self._left) + len(self._right)

    def __bool__(self):
        return bool(self._left) or bool(self._right)

    def __contains__(self, x):
        return x in self._left or x in self._right

    def __getitem__(self, i):
        if type(i) is not int:
            i = _index(i)
        left = self._left
        nl = len(left)
        if i < 0:
            i += nl + len(self._right)
            if i < 0:
                raise IndexError("deque index out of range")
        if i < nl:
            return left[nl - 1 - i]
        i -= nl
        right = self._right
        if i < len(right):
            return right[i]
        raise IndexError("deque index out of range")

    def __setitem__(self, i, x):
        if type(i) is not int:
            i = _index(i)
        left = self._left
        nl = len(left)
        if i < 0:
            i += nl + len(self._right)
            if i < 0:
                raise IndexError("deque index out of range")
        if i < nl:
            left[nl - 1 - i] = x
            return
        i -= nl
        right = self._right
        if i < len(right):
            right[i] = x
            return
        raise IndexError("deque index out of range")

    def __delitem__(self, i):
        if type(i) is not int:
            i = _index(i)
        left = self._left
        nl = len(left)
        if i < 0:
            i += nl + len(self._right)
            if i < 0:
                raise IndexError("deque index out of range")
        if i < nl:
            self._state += 1
            del left[nl - 1 - i]
            return
        i -= nl
        right = self._right
        if i < len(right):
            self._state += 1
            del right[i]
            return
        raise IndexError("deque index out of range")

    def __iter__(self):
        state = self._state
        left = self._left
        i = len(left) - 1
        while i >= 0:
            yield left[i]
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")
            i -= 1
        for x in self._right:
            yield x
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")

    def __reversed__(self):
        state = self._state
        right = self._right
        i = len(right) - 1
        while i >= 0:
            yield right[i]
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")
            i -= 1
        for x in self._left:
            yield x
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")

    def _list(self):
        items = self._left[::-1]
        items.extend(self._right)
        return items

    def __repr__(self):
        name = type(self).__name__
        key = id(self)
        if key in _repr_running:
            return '[...]'
        _repr_running.append(key)
        try:
            body = repr(self._list())
        finally:
            _repr_running.remove(key)
        if self._maxlen is None:
            return '%s(%s)' % (name, body)
        return '%s(%s, maxlen=%d)' % (name, body, self._maxlen)

    # ---- operators ----

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._list() == other._list()

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._list() != other._list()

    def _order(self, other, op):
        if isinstance(other, _COMPARABLE):
            raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                            % (op, 'collections.deque', type(other).__name__))

    def __lt__(self, other):
        if not isinstance(other, deque):
            self._order(other, '<')
            return NotImplemented
        return self._list() < other._list()

    def __le__(self, other):
        if not isinstance(other, deque):
            self._order(other, '<=')
            return NotImplemented
        return self._list() <= other._list()

    def __gt__(self, other):
        if not isinstance(other, deque):
            self._order(other, '>')
            return NotImplemented
        return self._list() > other._list()

    def __ge__(self, other):
        if not isinstance(other, deque):
            self._order(other, '>=')
            return NotImplemented
        return self._list() >= other._list()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int):
            if not hasattr(type(n), '__index__'):
                raise TypeError("can't multiply sequence by non-int of type '%s'"
                                % type(n).__name__)
            n = n.__index__()
        result = self.copy()
        result._repeat(n)
        return result

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int):
            if not hasattr(type(n), '__index__'):
                raise TypeError("can't multiply sequence by non-int of type '%s'"
                                % type(n).__name__)
            n = n.__index__()
        self._repeat(n)
        return self

    def _repeat(self, n):
        items = self._list()
        if n <= 0 or not items:
            if items:
                self.clear()
            return
        if n == 1:
            return
        if self._maxlen is not None and len(items) * n > self._maxlen:
            # Only the last maxlen items of the repetition are kept.
            m = self._maxlen
            reps = m // len(items) + 2
            if reps > n:
                reps = n
            items = (items * reps)[len(items) * reps - m:]
        else:
            items = items * n
        self._state += 1
        self._left.clear()
        self._right[:] = items


class _MappingView:
    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._mapping)


class _SetView(_MappingView):
    __slots__ = ()

    def __eq__(self, other):
        if not isinstance(other, (set, frozenset, _SetView, type({}.keys()), type({}.items()))):
            return NotImplemented
        return set(self) == set(other)

    def __ne__(self, other):
        if not isinstance(other, (set, frozenset, _SetView, type({}.keys()), type({}.items()))):
            return NotImplemented
        return set(self) != set(other)

    def __le__(self, other):
        return set(self) <= set(other)

    def __lt__(self, other):
        return set(self) < set(other)

    def __ge__(self, other):
        return set(self) >= set(other)

    def __gt__(self, other):
        return set(self) > set(other)

    def __and__(self, other):
        return set(self) & set(other)

    def __rand__(self, other):
        return set(other) & set(self)

    def __or__(self, other):
        return set(self) | set(other)

    def __ror__(self, other):
        return set(other) | set(self)

    def __sub__(self, other):
        return set(self) - set(other)

    def __rsub__(self, other):
        return set(other) - set(self)

    def __xor__(self, other):
        return set(self) ^ set(other)

    def __rxor__(self, other):
        return set(other) ^ set(self)

    def isdisjoint(self, other):
        for x in other:
            if x in self:
                return False
        return True


class KeysView(_SetView):
    __slots__ = ()

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)


class ItemsView(_SetView):
    __slots__ = ()

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield (key, mapping[key])


class ValuesView(_MappingView):
    __slots__ = ()

    def __contains__(self, value):
        mapping = self._mapping
        for key in mapping:
            v = mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield mapping[key]


def _is_mapping(obj):
    return isinstance(obj, (dict, ChainMap)) or (
        hasattr(obj, 'keys') and hasattr(obj, '__getitem__') and hasattr(obj, 'items'))


class ChainMap:
    """A ChainMap groups multiple dicts (or other mappings) together
    to create a single, updateable view."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def __len__(self):
        keys = set()
        for mapping in self.maps:
            keys.update(mapping)
        return len(keys)

    def __iter__(self):
        seen = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                seen[key] = None
        return iter(seen)

    def __contains__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return True
        return False

    def __bool__(self):
        for mapping in self.maps:
            if mapping:
                return True
        return False

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.append(key)
        try:
            return '%s(%s)' % (type(self).__name__, ', '.join([repr(m) for m in self.maps]))
        finally:
            _repr_running.remove(key)

    @classmethod
    def fromkeys(cls, iterable, *args):
        """Create a ChainMap with a single dict created from the iterable."""
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        """New ChainMap or subclass with a new copy of maps[0] and refs to maps[1:]"""
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        """New ChainMap with a new map followed by all previous maps.
        If no map is provided, an empty dict is used.
        Keyword arguments update the map or new empty dict."""
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        """New ChainMap from maps[1:]."""
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,)) from None

    def popitem(self):
        """Remove and return an item pair from maps[0]. Raise KeyError is maps[0] is empty."""
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.') from None

    def pop(self, key, *args):
        """Remove *key* from maps[0] and return its value. Raise KeyError if *key* not in maps[0]."""
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,)) from None

    def clear(self):
        """Clear maps[0], leaving maps[1:] intact."""
        self.maps[0].clear()

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def update(self, other=(), /, **kwds):
        if _is_mapping(other):
            for key in other.keys():
                self[key] = other[key]
        elif hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    def __ne__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) != dict(other.items())

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return type(self)(m)
