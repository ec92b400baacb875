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

`defaultdict`, `OrderedDict` (with move_to_end, popitem(last=), odict views
and CPython 3.11's repr), `Counter` (most_common, elements, total,
update/subtract, multiset comparisons and arithmetic) and `namedtuple`
(defaults, rename, module, _make, _replace, _asdict, _fields,
_field_defaults) are written too, as dict and tuple subclasses: they are
defined only when the language lets a script subclass dict and tuple.

Left out: UserDict, UserList, UserString, the collections.abc classes
(ChainMap's views print as KeysView, ItemsView and ValuesView but are
the module's own classes); slices of a deque are refused as in CPython.
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
    _name = ''

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '%s(%r)' % (self._name, self._mapping)


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


class _KeysView(_SetView):
    __slots__ = ()
    _name = 'KeysView'

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)


class _ItemsView(_SetView):
    __slots__ = ()
    _name = 'ItemsView'

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


class _ValuesView(_MappingView):
    __slots__ = ()
    _name = 'ValuesView'

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
        return _KeysView(self)

    def items(self):
        return _ItemsView(self)

    def values(self):
        return _ValuesView(self)

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


# ---- The dict and tuple subclasses: defaultdict, OrderedDict, Counter,
# namedtuple. They need subclassing of built-in types, which Shoal is
# gaining; until a script can subclass dict and tuple they are left out.

def _can_subclass_builtins():
    try:
        class _DictProbe(dict):
            pass

        class _TupleProbe(tuple):
            pass
    except NotImplementedError:
        return False
    return True


_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
    'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
    'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
    'return', 'try', 'while', 'with', 'yield'])


if _can_subclass_builtins():

    class defaultdict(dict):
        """defaultdict(default_factory=None, /, [...]) --> dict with default factory

The default factory is called without arguments to produce
a new value when a key is not present, in __getitem__ only.
A defaultdict compares equal to a dict with the same items.
All remaining arguments are treated the same as if they were
passed to the dict constructor, including keyword arguments.
"""

        def __init__(self, default_factory=None, /, *args, **kwargs):
            if default_factory is not None and not callable(default_factory):
                raise TypeError('first argument must be callable or None')
            self.default_factory = default_factory
            dict.__init__(self, *args, **kwargs)

        def __missing__(self, key):
            if self.default_factory is None:
                raise KeyError(key)
            value = self.default_factory()
            self[key] = value
            return value

        def __repr__(self):
            factory = self.default_factory
            if factory is self:
                text = '...'
            else:
                text = repr(factory)
            return '%s(%s, %s)' % (type(self).__name__, text, dict.__repr__(self))

        def copy(self):
            """D.copy() -> a shallow copy of D."""
            return type(self)(self.default_factory, self)

        __copy__ = copy

        def __or__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = self.copy()
            result.update(other)
            return result

        def __ror__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = type(self)(self.default_factory, other)
            result.update(self)
            return result

        def __ior__(self, other):
            self.update(other)
            return self

    class _OrderedView:
        __slots__ = ('_mapping',)
        _kind = ''

        def __init__(self, mapping):
            self._mapping = mapping

        def __len__(self):
            return len(self._mapping)

        def __repr__(self):
            return '%s(%r)' % (self._kind, list(self))

        def __reversed__(self):
            items = list(self)
            items.reverse()
            return iter(items)

    class _OrderedSetView(_OrderedView):
        __slots__ = ()

        def __eq__(self, other):
            try:
                return set(self) == set(other)
            except TypeError:
                return NotImplemented

        def __ne__(self, other):
            result = self.__eq__(other)
            return result if result is NotImplemented else not result

        def __and__(self, other):
            return set(self) & set(other)

        def __or__(self, other):
            return set(self) | set(other)

        def __sub__(self, other):
            return set(self) - set(other)

        def __xor__(self, other):
            return set(self) ^ set(other)

        def isdisjoint(self, other):
            return set(self).isdisjoint(other)

    class _OdictKeys(_OrderedSetView):
        __slots__ = ()
        _kind = 'odict_keys'

        def __iter__(self):
            return iter(dict.keys(self._mapping))

        def __contains__(self, key):
            return dict.__contains__(self._mapping, key)

    class _OdictItems(_OrderedSetView):
        __slots__ = ()
        _kind = 'odict_items'

        def __iter__(self):
            return iter(dict.items(self._mapping))

        def __contains__(self, item):
            return item in dict.items(self._mapping)

    class _OdictValues(_OrderedView):
        __slots__ = ()
        _kind = 'odict_values'

        def __iter__(self):
            return iter(dict.values(self._mapping))

        def __contains__(self, value):
            return value in dict.values(self._mapping)

    class OrderedDict(dict):
        """Dictionary that remembers insertion order"""

        def popitem(self, last=True):
            """Remove and return a (key, value) pair from the dictionary.

Pairs are returned in LIFO order if last is true or FIFO order if false."""
            if not self:
                raise KeyError('dictionary is empty')
            if last:
                return dict.popitem(self)
            key = next(iter(dict.keys(self)))
            return key, dict.pop(self, key)

        def move_to_end(self, key, last=True):
            """Move an existing element to the end (or beginning if last is false).

Raise KeyError if the element does not exist."""
            value = dict.pop(self, key)
            if last:
                dict.__setitem__(self, key, value)
                return
            rest = list(dict.items(self))
            dict.clear(self)
            dict.__setitem__(self, key, value)
            for k, v in rest:
                dict.__setitem__(self, k, v)

        def keys(self):
            """D.keys() -> a set-like object providing a view on D's keys"""
            return _OdictKeys(self)

        def items(self):
            """D.items() -> a set-like object providing a view on D's items"""
            return _OdictItems(self)

        def values(self):
            """D.values() -> an object providing a view on D's values"""
            return _OdictValues(self)

        def __repr__(self):
            if not self:
                return '%s()' % type(self).__name__
            key = id(self)
            if key in _repr_running:
                return '...'
            _repr_running.append(key)
            try:
                return '%s(%r)' % (type(self).__name__, list(dict.items(self)))
            finally:
                _repr_running.remove(key)

        def __eq__(self, other):
            if isinstance(other, OrderedDict):
                return dict.__eq__(self, other) and list(dict.keys(self)) == list(dict.keys(other))
            return dict.__eq__(self, other)

        def __ne__(self, other):
            result = self.__eq__(other)
            return result if result is NotImplemented else not result

        def copy(self):
            """od.copy() -> a shallow copy of od"""
            return type(self)(self)

        __copy__ = copy

        def __or__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = type(self)(self)
            result.update(other)
            return result

        def __ror__(self, other):
            if not isinstance(other, dict):
                return NotImplemented
            result = type(self)(other)
            result.update(self)
            return result

        def __ior__(self, other):
            self.update(other)
            return self

    class Counter(dict):
        """Dict subclass for counting hashable items.  Sometimes called a bag
or multiset.  Elements are stored as dictionary keys and their counts
are stored as dictionary values."""

        def __init__(self, iterable=None, /, **kwds):
            dict.__init__(self)
            self.update(iterable, **kwds)

        def __missing__(self, key):
            """The count of elements not in the Counter is zero."""
            return 0

        def total(self):
            """Sum of the counts"""
            return sum(self.values())

        def most_common(self, n=None):
            """List the n most common elements and their counts from the most
common to the least.  If n is None, then list all element counts."""
            ranked = sorted(self.items(), key=_second, reverse=True)
            if n is None:
                return ranked
            return ranked[:max(n, 0)]

        def elements(self):
            """Iterator over elements repeating each as many times as its count."""
            for elem, count in self.items():
                for _ in range(count):
                    yield elem

        @classmethod
        def fromkeys(cls, iterable, v=None):
            raise NotImplementedError(
                'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

        def update(self, iterable=None, /, **kwds):
            """Like dict.update() but add counts instead of replacing them."""
            if iterable is not None:
                if _is_mapping(iterable):
                    if self:
                        for elem, count in iterable.items():
                            self[elem] = count + self.get(elem, 0)
                    else:
                        dict.update(self, iterable)
                else:
                    get = self.get
                    for elem in iterable:
                        self[elem] = get(elem, 0) + 1
            if kwds:
                self.update(kwds)

        def subtract(self, iterable=None, /, **kwds):
            """Like dict.update() but subtracts counts instead of replacing them."""
            if iterable is not None:
                get = self.get
                if _is_mapping(iterable):
                    for elem, count in iterable.items():
                        self[elem] = get(elem, 0) - count
                else:
                    for elem in iterable:
                        self[elem] = get(elem, 0) - 1
            if kwds:
                self.subtract(kwds)

        def copy(self):
            """Return a shallow copy."""
            return type(self)(self)

        __copy__ = copy

        def __delitem__(self, elem):
            """Like dict.__delitem__() but does not raise KeyError for missing values."""
            if elem in self:
                dict.__delitem__(self, elem)

        def __repr__(self):
            if not self:
                return '%s()' % type(self).__name__
            try:
                shown = dict(self.most_common())
            except TypeError:
                shown = dict(self)
            return '%s(%r)' % (type(self).__name__, shown)

        # multiset comparisons

        def __eq__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            for c in (self, other):
                for e in c:
                    if not self[e] == other[e]:
                        return False
            return True

        def __ne__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return not self == other

        def __le__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            for c in (self, other):
                for e in c:
                    if not self[e] <= other[e]:
                        return False
            return True

        def __lt__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return self <= other and self != other

        def __ge__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            for c in (self, other):
                for e in c:
                    if not self[e] >= other[e]:
                        return False
            return True

        def __gt__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            return self >= other and self != other

        # multiset arithmetic: results keep only positive counts

        def __add__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                total = count + other[elem]
                if total > 0:
                    result[elem] = total
            for elem, count in other.items():
                if elem not in self and count > 0:
                    result[elem] = count
            return result

        def __sub__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                left = count - other[elem]
                if left > 0:
                    result[elem] = left
            for elem, count in other.items():
                if elem not in self and count < 0:
                    result[elem] = 0 - count
            return result

        def __or__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                other_count = other[elem]
                biggest = other_count if count < other_count else count
                if biggest > 0:
                    result[elem] = biggest
            for elem, count in other.items():
                if elem not in self and count > 0:
                    result[elem] = count
            return result

        def __and__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self.items():
                other_count = other[elem]
                smallest = count if count < other_count else other_count
                if smallest > 0:
                    result[elem] = smallest
            return result

        def __pos__(self):
            result = Counter()
            for elem, count in self.items():
                if count > 0:
                    result[elem] = count
            return result

        def __neg__(self):
            result = Counter()
            for elem, count in self.items():
                if count < 0:
                    result[elem] = 0 - count
            return result

        def _keep_positive(self):
            for elem in [e for e, count in self.items() if not count > 0]:
                dict.__delitem__(self, elem)
            return self

        def __iadd__(self, other):
            for elem, count in other.items():
                self[elem] += count
            return self._keep_positive()

        def __isub__(self, other):
            for elem, count in other.items():
                self[elem] -= count
            return self._keep_positive()

        def __ior__(self, other):
            for elem, other_count in other.items():
                if other_count > self[elem]:
                    self[elem] = other_count
            return self._keep_positive()

        def __iand__(self, other):
            for elem, count in self.items():
                other_count = other[elem]
                if other_count < count:
                    self[elem] = other_count
            return self._keep_positive()

    def _second(pair):
        return pair[1]

    def _field_getter(index):
        def get(self):
            return self[index]
        return get

    def _field_setter(self, value):
        raise AttributeError("can't set attribute")

    def _name_list(names):
        quoted = ["'%s'" % name for name in names]
        if len(quoted) == 1:
            return quoted[0]
        if len(quoted) == 2:
            return '%s and %s' % (quoted[0], quoted[1])
        return '%s, and %s' % (', '.join(quoted[:-1]), quoted[-1])

    def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
        """Returns a new subclass of tuple with named fields."""
        if isinstance(field_names, str):
            field_names = field_names.replace(',', ' ').split()
        field_names = [str(name) for name in field_names]
        typename = str(typename)
        if rename:
            seen = set()
            for index, name in enumerate(field_names):
                if (not name.isidentifier() or name in _KEYWORDS
                        or name.startswith('_') or name in seen):
                    field_names[index] = '_%d' % index
                seen.add(name)
        for name in [typename] + field_names:
            if type(name) is not str:
                raise TypeError('Type names and field names must be strings')
            if not name.isidentifier():
                raise ValueError('Type names and field names must be valid identifiers: %r' % (name,))
            if name in _KEYWORDS:
                raise ValueError('Type names and field names cannot be a keyword: %r' % (name,))
        seen = set()
        for name in field_names:
            if name.startswith('_') and not rename:
                raise ValueError('Field names cannot start with an underscore: %r' % (name,))
            if name in seen:
                raise ValueError('Encountered duplicate field name: %r' % (name,))
            seen.add(name)
        fields = tuple(field_names)
        field_defaults = {}
        if defaults is not None:
            defaults = tuple(defaults)
            if len(defaults) > len(fields):
                raise TypeError('Got more default values than field names')
            field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))
        size = len(fields)
        arg_list = ', '.join(fields)

        class _NamedTuple(tuple):
            __slots__ = ()
            _fields = fields
            _field_defaults = field_defaults
            __match_args__ = fields

            def __new__(cls, *args, **kwargs):
                if len(args) > size:
                    raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                                    % (typename, size + 1, len(args) + 1))
                values = list(args)
                for name in fields[:len(args)]:
                    if name in kwargs:
                        raise TypeError("%s.__new__() got multiple values for argument '%s'"
                                        % (typename, name))
                missing = []
                for name in fields[len(args):]:
                    if name in kwargs:
                        values.append(kwargs.pop(name))
                    elif name in field_defaults:
                        values.append(field_defaults[name])
                    else:
                        missing.append(name)
                for name in kwargs:
                    raise TypeError("%s.__new__() got an unexpected keyword argument '%s'"
                                    % (typename, name))
                if missing:
                    raise TypeError('%s.__new__() missing %d required positional argument%s: %s'
                                    % (typename, len(missing), '' if len(missing) == 1 else 's',
                                       _name_list(missing)))
                return tuple.__new__(cls, values)

            @classmethod
            def _make(cls, iterable):
                result = tuple.__new__(cls, iterable)
                if len(result) != size:
                    raise TypeError('Expected %d arguments, got %d' % (size, len(result)))
                return result

            def _replace(self, /, **kwds):
                values = [kwds.pop(name, value) for name, value in zip(fields, self)]
                if kwds:
                    raise ValueError('Got unexpected field names: %r' % (list(kwds),))
                return self._make(values)

            def __repr__(self):
                return '%s(%s)' % (type(self).__name__, ', '.join(
                    ['%s=%r' % (name, value) for name, value in zip(fields, self)]))

            def _asdict(self):
                """Return a new dict which maps field names to their values."""
                return dict(zip(fields, self))

            def __getnewargs__(self):
                """Return self as a plain tuple.  Used by copy and pickle."""
                return tuple(self)

        for index, name in enumerate(fields):
            setattr(_NamedTuple, name, property(_field_getter(index), _field_setter,
                                                doc='Alias for field number %d' % index))
        _NamedTuple.__name__ = typename
        _NamedTuple.__qualname__ = typename
        _NamedTuple.__doc__ = '%s(%s)' % (typename, arg_list)
        _NamedTuple.__module__ = module if module is not None else '__main__'
        return _NamedTuple
